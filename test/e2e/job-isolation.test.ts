import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('Slack rate-limits one conversation (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h.stop();
  });

  const parentsSaying = (text: string) => h.slack.state.messages(h.channelId).filter((message) => visibleText(message).includes(text));

  it("another customer's parent is not held back; the limited one is posted once, after Retry-After", { timeout: 120_000 }, async () => {
    h.slack.faults.rateLimit('chat.postMessage', { retryAfterSeconds: 25 });
    const jo = h.x.control.createUser({ username: 'jo' });
    const sam = h.x.control.createUser({ username: 'sam' });

    h.x.control.post(jo.id, { text: `@${h.x.brand.username} my order is late` });
    await h.earshot.pollNow();
    await eventually(() => h.slack.faults.armedFor('chat.postMessage') === 0, "Slack's 429 to jo's parent");

    h.x.control.post(sam.id, { text: `@${h.x.brand.username} is the shop open today?` });
    await h.earshot.pollNow();
    await eventually(() => parentsSaying('is the shop open today?')[0], "sam's parent");
    // Sam's parent came while jo's was still waiting out Slack's 25 s Retry-After.
    expect(parentsSaying('my order is late')).toEqual([]);

    await eventually(() => parentsSaying('my order is late')[0], "jo's parent, once Slack allows it", 60_000);
    expect(parentsSaying('my order is late')).toHaveLength(1);
  });
});
