import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, type Harness, socialAnswer, startHarness, visibleText } from '../support/earshot-harness.js';

describe.each(databaseKinds)('customer history and who sees private conversations (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    // carol and dana are not in #social (SLACK_CHANNEL): customer DMs stay hidden from them.
    h = await startHarness(kind, {
      slack: {
        channels: [
          { name: 'general', botIsMember: false },
          { name: 'social', members: ['alice', 'bob'] },
        ],
      },
    });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const userId = (name: string) => h.slack.users[name]!.id;
  const parents = () => h.slack.state.messages(h.channelId).filter((message) => !message.thread_ts || message.thread_ts === message.ts);
  const conversations = () => h.earshot.database.prisma.conversation.findMany({ orderBy: { ref: 'asc' }, include: { author: true } });
  const refOf = async (handle: string, nth = 0) => `E-${(await conversations()).filter((conversation) => conversation.author.handle === handle)[nth]!.ref}`;
  const hiddenNotice = `🔒 Private conversation — preview hidden. Join <#${'CHANNEL'}> to see it.`;
  const hidden = () => hiddenNotice.replace('CHANNEL', h.channelId);

  /** Runs a `/social` query; the answer comes through the response_url. */
  // Typed in #general, where everyone is.
  const query = async (user: string, text: string) => visibleText(await socialAnswer(h, user, text, 'general'));

  /** Runs a `/social` action, answered in the acknowledgement. */
  async function act(user: string, text: string): Promise<string> {
    const result = await h.slack.driver.slashCommand({ user, channel: h.channelId, command: '/social', text });
    return visibleText(result.response ?? {});
  }

  async function reply(user: string, parentTs: string, text: string) {
    await h.slack.driver.clickButton({ user, channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId(user))[0], 'the reply modal');
    await h.slack.driver.submitView({ user, values: { reply_text_input: text } });
  }

  async function openHome(user: string): Promise<string> {
    const before = h.slack.state.homeView(userId(user))?.hash;
    await h.slack.driver.openAppHome(user);
    const view = await eventually(() => h.slack.state.homeView(userId(user))?.hash !== before && h.slack.state.homeView(userId(user)), `${user}'s home`);
    return JSON.stringify(view.blocks);
  }

  /** jo: a public mention answered by alice and resolved, then a DM conversation; sam: a public mention. */
  async function customers() {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} my parcel never came` });
    await h.earshot.pollNow();
    const first = await eventually(() => parents()[0], 'the parent of the mention');
    await reply('alice', first.ts, '@jo so sorry, a new one is on its way');
    await eventually(() => h.x.control.posts({ author: h.x.brand.id })[0], 'the reply on X');
    await eventually(async () => (await conversations())[0]?.status === 'replied', 'the reply recorded');
    // Resolved first: a DM from a customer with an open conversation would join its thread.
    expect(await act('alice', `resolve ${await refOf('jo')}`)).toContain('is resolved');
    h.x.control.sendDm('jo', { text: 'my card ending 4242 was charged twice' });
    const sam = h.x.control.createUser({ username: 'sam', name: 'Sam' });
    h.x.control.post(sam.id, { text: `@${h.x.brand.username} love the shop` });
    await h.earshot.pollNow();
    await eventually(() => parents().length === 3, 'the DM and the mention in Slack');
    return { jo };
  }

  it('shows a private conversation’s text only to members of its channel: queue, search, history and App Home', async () => {
    await customers();
    const dm = await refOf('jo', 1);

    for (const text of ['queue', 'search @jo', `search ${dm}`, 'history @jo']) {
      const forMember = await query('alice', text);
      expect(forMember, `/social ${text} for a member`).toContain('my card ending 4242 was charged twice');
      const forOthers = await query('carol', text);
      expect(forOthers, `/social ${text} for someone outside #social`).not.toContain('4242');
      expect(forOthers).toContain(dm);
      expect(forOthers).toContain(hidden());
    }
    // Public conversations stay readable by everyone.
    expect(await query('carol', 'queue')).toContain('love the shop');
    // Words from a DM find nothing for someone who may not read it (a match would tell what it says).
    expect(await query('alice', 'search charged twice')).toContain(dm);
    expect(await query('carol', 'search charged twice')).toContain('No conversation matches.');

    expect(await openHome('alice')).toContain('my card ending 4242');
    const carolsHome = await openHome('carol');
    expect(carolsHome).not.toContain('4242');
    expect(carolsHome).toContain(hidden());
    expect(carolsHome).toContain('love the shop');
  });

  it('fails closed when Slack cannot list the channel’s members', async () => {
    await customers();
    h.slack.faults.apiError('conversations.members', 'fetch_members_failed', { times: 100 });
    const answer = await query('alice', 'queue');
    expect(answer).not.toContain('4242');
    expect(answer).toContain(hidden());
  });

  it('history: every conversation with the customer, oldest to newest, with messages, status and who answered', async () => {
    const { jo } = await customers();
    const [mention, dm] = [await refOf('jo', 0), await refOf('jo', 1)];
    expect(await act('alice', `resolve ${dm}`)).toContain('is resolved');
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} and now the app crashes` });
    await h.earshot.pollNow();
    await eventually(() => parents().length === 4, 'the third conversation');
    const third = await refOf('jo', 2);

    const history = await query('alice', 'history @JO');
    expect(history).toContain('History of @jo');
    expect(history).not.toContain('@sam');
    const positions = [mention, dm, third].map((ref) => history.indexOf(`|${ref}>`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const firstPart = history.slice(positions[0], positions[1]);
    expect(firstPart).toContain('✅ Resolved');
    expect(firstPart).toContain(`answered by <@${userId('alice')}>`);
    expect(firstPart.indexOf('my parcel never came')).toBeLessThan(firstPart.indexOf('a new one is on its way'));
    expect(history.slice(positions[1], positions[2])).toContain('🔒 Private');
    expect(history.slice(positions[2])).toContain('no answer yet');
    expect(history).toContain('3 conversations · oldest first');
    expect(await query('alice', 'history @nobody')).toContain('No conversations with @nobody yet.');
  });

  it('history shows the most recent conversations and says how many older ones are not shown', async () => {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    for (let index = 1; index <= 10; index += 1) {
      h.x.control.post(jo.id, { text: `@${h.x.brand.username} question number ${index}` });
      await h.earshot.pollNow();
      await eventually(() => parents().length === index, `conversation ${index}`);
      expect(await act('alice', `resolve ${await refOf('jo', index - 1)}`)).toContain('is resolved');
    }
    const history = await query('alice', 'history @jo');
    expect(history).toContain('2 older conversations not shown');
    expect(history).not.toContain('question number 2');
    expect(history).toContain('question number 3');
    expect(history.indexOf('question number 3')).toBeLessThan(history.indexOf('question number 10'));
  });

  it('search by reference or post link finds that conversation', async () => {
    const { jo } = await customers();
    const followUp = h.x.control.post(jo.id, { text: `@${h.x.brand.username} still waiting`, replyToId: h.x.control.posts({ author: jo.id })[0]!.id });
    await h.earshot.pollNow();
    const first = await refOf('jo', 0);
    await eventually(
      async () => (await h.earshot.database.prisma.message.count({ where: { text: { contains: 'still waiting' } } })) === 1,
      'the follow-up stored',
    );
    for (const text of [
      first,
      first.toLowerCase(),
      first.replace('-', ''),
      `<https://x.com/jo/status/${followUp.id}>`,
      `https://twitter.com/jo/status/${followUp.id}?s=20`,
    ]) {
      const found = await query('alice', `search ${text}`);
      expect(found, `search ${text}`).toContain(`|${first}>`);
      expect(found).toContain('my parcel never came');
      expect(found).toContain('1 conversation');
    }
    expect(await query('alice', 'search E-9999')).toContain('No conversation is numbered E-9999.');
  });
});
