import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { startXEmulator, type XEmulator } from '../../emulators/x/index.js';
import { eventually, visibleText } from '../support/earshot-harness.js';
import { killReplica, mentionPollOf, metricTotal, pollingReplica, startReplicas, type Replica } from '../support/replicas.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const pollIntervalSeconds = 2;
const mentionTimeline = { method: 'GET', path: '/2/users/:id/mentions' };

// Several replicas need PostgreSQL: the embedded database is held by one process (see test/app/start.test.ts).
describe.runIf(databaseKinds.includes('postgresql'))('several replicas on one PostgreSQL', () => {
  let x: XEmulator | undefined;
  let slack: SlackEmulator | undefined;
  let database: TestDatabase | undefined;
  let replicas: Replica[] = [];

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.process.kill()));
    replicas = [];
    await Promise.all([x?.close(), slack?.close()]);
    await database?.drop();
  });

  const startEmulators = async (mode: 'http' | 'socket') => {
    const dir = process.env.EARSHOT_TEST_TLS_DIR!;
    x = await startXEmulator({ tls: { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') } });
    // Slack's pace for posting (about one message a second per channel) would stretch 100 threads over minutes; it is not what this test is about.
    slack = await startSlackEmulator({ delivery: { mode }, rateLimits: 'off' });
    database = await createTestDatabase('postgresql');
    return { x, slack, databaseUrl: database.location.databaseUrl! };
  };

  // A person's click that reaches a replica as it dies fails in front of them (Slack says so); they
  // would look and try again. This test is about what replicas do unattended: kills and clicks take turns.
  let interacting: Promise<unknown> = Promise.resolve();
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const next = interacting.then(work);
    interacting = next.catch(() => undefined);
    return next;
  };

  /** Opens the Reply modal on a thread's parent and sends the reply, as a person would. */
  const reply = (channelId: string, parentTs: string, text: string) =>
    inTurn(async () => {
      await slack!.driver.clickButton({ user: 'alice', channel: channelId, ts: parentTs, actionId: 'reply_open' });
      await eventually(() => slack!.state.openViews(slack!.users.alice!.id)[0], 'the reply modal');
      await slack!.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
    });

  const parentOf = (channelId: string, mention: string) => slack!.state.messages(channelId).find((message) => visibleText(message).includes(mention));

  // A kill right after a Reply form was acknowledged once lost that reply: forms are now stored before they are acknowledged.
  it(
    '3 replicas, HTTP mode: the poller and a sender killed during a burst of 100 mentions; every thread and every reply exactly once, one timeline read at a time',
    { timeout: 180_000 },
    async () => {
      const { x, slack, databaseUrl } = await startEmulators('http');
      const channelId = slack.channels.social!;
      replicas = await startReplicas({ slack, x, databaseUrl, count: 3, pollIntervalSeconds, name: 'replicas-http' });

      const poller = await eventually(() => pollingReplica(replicas), 'one replica elected to poll');
      const pollerName = (await mentionPollOf(poller)).replica;
      // The standbys are healthy and name the poller.
      for (const replica of replicas) {
        const health = await eventually(async () => {
          const current = await mentionPollOf(replica);
          return current.poller && current;
        }, 'every replica to know the poller');
        expect(health).toMatchObject({ status: 200, poller: pollerName, pollStatus: replica === poller ? 'fresh' : 'standby' });
      }

      const customers = Array.from({ length: 100 }, (_, index) => x.control.createUser({ username: `customer${index}` }));
      const mentions = customers.map((customer, index) => `@${x.brand.username} where is order ${1000 + index}?`);
      const replies = customers.slice(0, 12).map((customer, index) => `@${customer.username} order ${1000 + index} ships today`);
      // Every post to X takes a while, so that a replica can be killed while it sends one.
      x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'delay', delayMs: 1_500, times: replies.length });

      let pollerKilledAt = 0;
      const burst = (async () => {
        for (const [index, customer] of customers.entries()) {
          x.control.post(customer.id, { text: mentions[index]! });
          if (index === 50) {
            await inTurn(async () => {
              pollerKilledAt = Date.now();
              await killReplica(poller);
            });
          }
          await sleep(40);
        }
      })();
      const sending = (async () => {
        for (const [index, text] of replies.entries()) {
          const parent = await eventually(() => parentOf(channelId, mentions[index]!), `the thread of mention ${index}`, 60_000);
          await reply(channelId, parent.ts, text);
          if (index === 8) {
            // Kill a replica that is not polling while replies are on their way to X.
            await eventually(
              () => x.control.requests({ method: 'POST', path: '/2/tweets' }).some((request) => request.outcome === 'pending'),
              'a reply on its way to X',
            );
            const standing = await eventually(() => pollingReplica(replicas), 'a new poller');
            const sender = replicas.find((replica) => !replica.killed && replica !== standing)!;
            await inTurn(() => killReplica(sender));
          }
        }
      })();
      await Promise.all([burst, sending]);

      // A standby took over the poll within 2 intervals of the poller's death.
      const firstReadAfterKill = x.control.requests(mentionTimeline).find((request) => Date.parse(request.at) > pollerKilledAt);
      expect(firstReadAfterKill).toBeDefined();
      expect(Date.parse(firstReadAfterKill!.at) - pollerKilledAt).toBeLessThanOrEqual(2 * pollIntervalSeconds * 1000);

      // Every mention got its thread, exactly once.
      await eventually(() => slack.state.messages(channelId).length >= mentions.length, '100 threads', 60_000);
      // Every reply was posted on X, exactly once (the killed sender's job is retried by the survivor, which looks before posting).
      const brandPosts = () => x.control.posts({ author: x.brand.id }).map((post) => post.text);
      await eventually(() => replies.every((text) => brandPosts().includes(text)), 'every reply on X', 60_000);
      await sleep(3 * pollIntervalSeconds * 1000); // time for a duplicate, if any, to show
      for (const mention of mentions) expect(slack.state.messages(channelId).filter((message) => visibleText(message).includes(mention))).toHaveLength(1);
      expect(slack.state.messages(channelId)).toHaveLength(mentions.length);
      expect(brandPosts().sort()).toEqual([...replies].sort());

      // The mention timeline was read by one replica at a time: no two reads overlap.
      const reads = x.control.requests(mentionTimeline).sort((a, b) => a.at.localeCompare(b.at));
      for (const [index, read] of reads.entries()) {
        const next = reads[index + 1];
        if (next && read.finishedAt) expect(Date.parse(next.at)).toBeGreaterThanOrEqual(Date.parse(read.finishedAt));
      }
      // One poller: about one read per interval, not one per replica.
      const spanSeconds = (Date.parse(reads.at(-1)!.at) - Date.parse(reads[0]!.at)) / 1000;
      expect(reads.length).toBeLessThanOrEqual(spanSeconds / pollIntervalSeconds + 3);
    },
  );

  it('2 replicas, Socket Mode: each event reaches one replica; every reply exactly once', { timeout: 150_000 }, async () => {
    const { x, slack, databaseUrl } = await startEmulators('socket');
    const channelId = slack.channels.social!;
    replicas = await startReplicas({ slack, x, databaseUrl, count: 2, pollIntervalSeconds, name: 'replicas-socket' });

    const customers = Array.from({ length: 10 }, (_, index) => x.control.createUser({ username: `buyer${index}` }));
    const mentions = customers.map((customer, index) => `@${x.brand.username} is parcel ${index} lost?`);
    for (const [index, customer] of customers.entries()) x.control.post(customer.id, { text: mentions[index]! });
    const replies = customers.map((customer, index) => `@${customer.username} parcel ${index} is on its way`);
    for (const [index, text] of replies.entries()) {
      const parent = await eventually(() => parentOf(channelId, mentions[index]!), `the thread of mention ${index}`, 60_000);
      await reply(channelId, parent.ts, text);
    }

    const brandPosts = () => x.control.posts({ author: x.brand.id }).map((post) => post.text);
    await eventually(() => replies.every((text) => brandPosts().includes(text)), 'every reply on X', 60_000);
    await sleep(3_000); // time for a duplicate, if any, to show
    expect(brandPosts().sort()).toEqual([...replies].sort());
    // Each envelope was delivered once (no retry) and acknowledged by one replica; both took a share.
    const deliveries = slack.state.deliveries().filter((delivery) => delivery.mode === 'socket');
    expect(deliveries.every((delivery) => delivery.acked && delivery.attempts.length === 1)).toBe(true);
    const acks = await Promise.all(replicas.map((replica) => metricTotal(replica, 'earshot_slack_ack_seconds_count')));
    expect(acks.reduce((sum, count) => sum + count, 0)).toBe(deliveries.length);
    for (const count of acks) expect(count).toBeGreaterThan(0);
  });
});
