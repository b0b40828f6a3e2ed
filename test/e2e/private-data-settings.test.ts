import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, type Harness } from '../support/earshot-harness.js';

// Phone numbers are not checked, policy numbers are, and the brand's own support address is fine.
describe.each(databaseKinds)('private-data guard settings (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind, {
      env: {
        PRIVATE_DATA_CHECKS: 'payment_card,national_id,email,account_number',
        PRIVATE_DATA_PATTERNS: JSON.stringify([{ name: 'policy number', pattern: 'POL-\\d{6}' }]),
        PRIVATE_DATA_ALLOW: 'help@acme.example',
      },
    });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });

  async function reply(parentTs: string, text: string) {
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id).find((view) => view.callback_id === 'reply_submit'), 'the reply modal');
    return h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
  }

  it('lets a kind that is switched off and an allowed address through, refuses a custom pattern, and audits every refusal without the text', async () => {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} my claim is stuck` });
    await h.earshot.pollNow();
    const parent = await eventually(() => h.slack.state.messages(h.channelId)[0], 'the parent message');

    expect((await reply(parent.ts, '@jo call us on +44 20 7946 0958')).responseAction).toBe('close');
    await eventually(() => brandPosts().length === 1, 'the reply with a phone number');
    expect((await reply(parent.ts, '@jo write to help@acme.example and we will sort it')).responseAction).toBe('close');
    await eventually(() => brandPosts().length === 2, 'the reply with the support address');

    const custom = await reply(parent.ts, '@jo your policy POL-123456 is renewed');
    expect(custom.responseAction).toBe('errors');
    expect(Object.values(custom.errors ?? {}).join(' ')).toContain('policy number');
    await h.slack.driver.closeView({ user: 'alice' });

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'private_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id).find((view) => view.callback_id === 'private_submit'), 'the take-private modal');
    const invitation = await h.slack.driver.submitView({ user: 'alice', values: { private_public_text: '@jo about POL-654321: check your DMs' } });
    expect(invitation.responseAction).toBe('errors');

    await h.slack.idle();
    expect(brandPosts()).toHaveLength(2);
    // A refusal is audited after the form shows it.
    const refusals = await eventually(async () => {
      const entries = await h.earshot.database.prisma.auditEntry.findMany({ where: { action: 'reply.refused' } });
      return entries.length === 2 && entries;
    }, 'both refusals in the audit log');
    expect(refusals.map((entry) => entry.surface).sort()).toEqual(['reply_modal', 'take_private_modal']);
    for (const refusal of refusals) {
      expect(refusal.details).toEqual({ problems: ['private_data:custom'] });
      expect(JSON.stringify(refusal.details)).not.toMatch(/POL-\d{6}/);
    }
  });
});
