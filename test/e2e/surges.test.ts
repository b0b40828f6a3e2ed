import { afterEach, describe, expect, it } from 'vitest';
import { eventually, parentMessages, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

const minute = 60_000;
const windowMinutes = 30;
const ordinaryTexts = [
  'where is my parcel?',
  'what time does the store open on Sunday',
  'love the new coffee blend',
  'is the blue jacket back in stock',
  'my order arrived, thanks',
];

describe.each(databaseKinds)('surge alerts (%s)', (kind) => {
  let h: Harness;
  // Earshot and the X emulator share a clock that only the test moves.
  let clock = Date.now();
  afterEach(async () => {
    await h?.stop();
  });

  async function start(env: Record<string, string> = {}) {
    clock = Date.now();
    h = await startHarness(kind, {
      now: () => new Date(clock),
      x: { now: () => clock },
      slack: { channels: [{ name: 'general', botIsMember: false }, { name: 'social' }, { name: 'alerts' }] },
      env: ({ slack }) => ({ SURGE_CHANNEL: slack.channels.alerts!, SURGE_MIN_MENTIONS: '6', SURGE_KEYWORDS: 'refund', ...env }),
    });
  }

  const alertsChannel = () => h.slack.channels.alerts!;
  const alerts = () => parentMessages(h, alertsChannel());
  const cards = (alertTs: string) => h.slack.state.thread(alertsChannel(), alertTs).filter((message) => message.ts !== alertTs);
  const shownNow = (channel: string, ts: string) => visibleText(h.slack.state.message(channel, ts)!);

  /**
   * The last 7 days as history: `perWindow` mentions per 30 minutes before the current window,
   * stored directly with their dates (they stand for posts Earshot received over the week).
   */
  async function seedHistory(perWindow: number, { refundEvery = 0 } = {}) {
    const prisma = h.earshot.database.prisma;
    const account = await eventually(() => prisma.socialAccount.findFirst(), 'the watched account');
    // Marked as spam so that the history never starts a thread of its own.
    const author = await prisma.author.create({ data: { platform: 'x', externalId: 'history', handle: 'history', spamMarkedAt: new Date(clock) } });
    const conversation = await prisma.conversation.create({
      data: {
        platform: 'x',
        externalConversationId: 'history',
        accountId: account.id,
        authorId: author.id,
        status: 'resolved',
        createdAt: new Date(clock - 8 * 24 * 60 * minute),
      },
    });
    const windowStart = clock - windowMinutes * minute;
    const spacing = (windowMinutes * minute) / perWindow;
    const total = perWindow * 7 * 48;
    await prisma.message.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        conversationId: conversation.id,
        direction: 'inbound' as const,
        platform: 'x' as const,
        authorHandle: 'history',
        text: refundEvery > 0 && i % refundEvery === 0 ? 'how do I get a refund' : ordinaryTexts[i % ordinaryTexts.length]!,
        createdAt: new Date(windowStart - (i + 0.5) * spacing),
      })),
    });
  }

  function mention(username: string, text: string, replyToId?: string) {
    const author = h.x.control.user(username) ?? h.x.control.createUser({ username, name: username.toUpperCase() });
    return h.x.control.post(author.id, { text: `@${h.x.brand.username} ${text}`, ...(replyToId ? { replyToId } : {}) });
  }

  const audit = (action: string) => h.earshot.database.prisma.auditEntry.findMany({ where: { action }, orderBy: { id: 'asc' } });

  it('stays quiet on normal traffic and posts exactly one alert, with top terms and examples, on a burst', async () => {
    await start();
    await seedHistory(4); // usually 4 per 30 min: a surge needs more than 12

    for (let i = 0; i < 7; i += 1) mention(`regular${i}`, ordinaryTexts[i % ordinaryTexts.length]!);
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 7, 'the 7 ordinary mentions as threads');
    expect(await h.earshot.database.prisma.surgeAlert.count()).toBe(0);
    expect(alerts()).toHaveLength(0);

    clock += 2 * minute;
    const burst = [
      'checkout outage, cannot pay',
      'checkout is down again?',
      'outage at checkout for an hour',
      'payment failed at checkout',
      'is there an outage? checkout broken',
      'checkout outage again',
    ];
    const posted = burst.map((text, i) => mention(`burst${i}`, text));
    await h.earshot.pollNow();

    const alert = await eventually(() => alerts()[0], 'the surge alert');
    const shown = visibleText(alert);
    expect(shown).toContain('Surge: 13 mentions in the last 30 min');
    expect(shown).toContain('usually about 4');
    expect(shown).toMatch(/Top terms:\* checkout, outage/);
    const links = posted.map((post) => `status/${post.id}`).filter((link) => shown.includes(link));
    expect(links).toHaveLength(3);

    // As if Earshot crashed after posting the alert but before recording it: the next check queues
    // it again, and the retry finds the posted alert (by its metadata) instead of posting twice.
    const prisma = h.earshot.database.prisma;
    await eventually(async () => (await prisma.surgeAlert.findFirst())?.slackTs, 'the alert recorded as posted');
    await prisma.surgeAlert.updateMany({ data: { slackTs: null } });
    clock += minute;
    await h.earshot.pollNow();
    await eventually(async () => (await prisma.surgeAlert.findFirst())?.slackTs === alert.ts, 'the retry to find the alert');
    await h.slack.idle();
    expect(alerts()).toHaveLength(1);
    const started = await audit('surge.started');
    expect(started).toHaveLength(1);
    expect(started[0]!.conversationId).toBeNull();
    expect(JSON.stringify(started[0]!.details)).not.toContain('checkout');

    // A full window without the surge rate ends it.
    clock += (windowMinutes + 1) * minute;
    await h.earshot.pollNow();
    await eventually(() => visibleText(alerts()[0]!).includes('ended'), 'the alert to say the surge ended');
    expect(await audit('surge.ended')).toHaveLength(1);
    expect(alerts()).toHaveLength(1);
  });

  it('fires for a keyword and groups new conversations on it as cards in the alert thread', async () => {
    await start();
    await seedHistory(4, { refundEvery: 100 });

    for (let i = 0; i < 6; i += 1) mention(`early${i}`, `still waiting for my refund, order ${i}`);
    await h.earshot.pollNow();
    const alert = await eventually(() => alerts()[0], 'the keyword surge alert');
    expect(visibleText(alert)).toContain('Surge for “refund”: 6 mentions in the last 30 min');
    expect(await h.earshot.database.prisma.surgeAlert.count()).toBe(1); // all mentions together are not surging
    await eventually(() => parentMessages(h).length === 6, 'the mentions before the alert as threads');

    clock += minute;
    const ann = mention('ann', 'where is my REFUND?');
    mention('ben', 'no refund yet, third email');
    mention('cat', 'is the store open today');
    await h.earshot.pollNow();

    const annCard = await eventually(() => cards(alert.ts).find((card) => visibleText(card).includes('@ann')), "ann's card in the alert thread");
    const benCard = await eventually(() => cards(alert.ts).find((card) => visibleText(card).includes('@ben')), "ben's card in the alert thread");
    expect(visibleText(annCard)).toContain(`status/${ann.id}`);
    expect(visibleText(annCard)).toContain('surge_open_thread');
    await eventually(() => parentMessages(h).some((parent) => visibleText(parent).includes('@cat')), "cat's parent in the channel");
    expect(parentMessages(h)).toHaveLength(7);
    expect(parentMessages(h).some((parent) => /@ann|@ben/.test(visibleText(parent)))).toBe(false);
    expect(await audit('surge.grouped')).toHaveLength(2);

    // A follow-up updates the card instead of posting anything.
    clock += minute;
    mention('ann', 'any news on that refund?', ann.id);
    await h.earshot.pollNow();
    await eventually(() => shownNow(alertsChannel(), annCard.ts).includes('2 posts'), "ann's card to count her follow-up");
    expect(shownNow(alertsChannel(), annCard.ts)).toContain('any news on that refund?');

    // Reply from the card, as from a parent: the reply goes to X, the card says who replied.
    await h.slack.driver.clickButton({ user: 'alice', channel: alertsChannel(), ts: benCard.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@ben sorry, it is on its way today' } });
    await eventually(() => h.x.control.posts({ author: h.x.brand.id })[0], 'the reply on X');
    await eventually(() => shownNow(alertsChannel(), benCard.ts).includes('Replied by'), "ben's card to show the reply");

    // Someone typing in the alert thread writes no note into any conversation (unlike in a conversation's thread).
    const notes = () => h.earshot.database.prisma.message.findMany({ where: { direction: 'note' }, include: { conversation: { include: { author: true } } } });
    await h.slack.driver.postMessage({ user: 'bob', channel: alertsChannel(), text: 'looks like the refund batch failed', threadTs: alert.ts });
    const catParent = parentMessages(h).find((parent) => visibleText(parent).includes('@cat'))!;
    await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, text: 'store hours are on the site', threadTs: catParent.ts });
    await eventually(async () => (await notes()).length > 0, "the note in cat's thread");
    await h.slack.idle();
    expect((await notes()).map((note) => note.conversation.author.handle)).toEqual(['cat']);

    // "Open in its own thread": the usual parent and thread, and the card points there.
    await h.slack.driver.clickButton({ user: 'alice', channel: alertsChannel(), ts: annCard.ts, actionId: 'surge_open_thread' });
    const annParent = await eventually(() => parentMessages(h).find((parent) => visibleText(parent).includes('@ann')), "ann's parent in the channel");
    await eventually(
      () => h.slack.state.thread(h.channelId, annParent.ts).some((message) => message.text.includes('any news on that refund?')),
      'her follow-up in the new thread',
    );
    await eventually(() => shownNow(alertsChannel(), annCard.ts).includes('Moved to its own thread'), 'the card to say it moved');
    expect(shownNow(alertsChannel(), annCard.ts)).toContain(annParent.ts.replace('.', ''));
    const opened = await audit('surge.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.actorSlackUserId).toBe(h.slack.users.alice!.id);

    // Handing a grouped conversation to someone gives it its own thread, where the hand-off is told.
    const ben = await h.earshot.database.prisma.conversation.findFirstOrThrow({ where: { author: { handle: 'ben' } } });
    const bob = h.slack.users.bob!.id;
    await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/social', text: `assign E-${ben.ref} <@${bob}|bob>` });
    const benParent = await eventually(() => parentMessages(h).find((parent) => visibleText(parent).includes('@ben')), "ben's parent in the channel");
    await eventually(
      () => h.slack.state.thread(h.channelId, benParent.ts).some((message) => message.text.includes('handed this to')),
      'the hand-off in his thread',
    );
    await eventually(() => shownNow(alertsChannel(), benCard.ts).includes('Moved to its own thread'), "ben's card to say it moved");
    expect(await audit('surge.opened')).toHaveLength(2);
    expect(alerts()).toHaveLength(1);
  });

  it('posts parents as usual when grouping is off', async () => {
    await start({ SURGE_GROUPING: 'off' });
    await seedHistory(4, { refundEvery: 100 });
    for (let i = 0; i < 6; i += 1) mention(`early${i}`, `refund please, order ${i}`);
    await h.earshot.pollNow();
    const alert = await eventually(() => alerts()[0], 'the keyword surge alert');

    clock += minute;
    mention('ann', 'where is my refund?');
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).some((parent) => visibleText(parent).includes('@ann')), "ann's parent in the channel");
    await h.slack.idle();
    expect(cards(alert.ts)).toHaveLength(0);
    expect(await audit('surge.grouped')).toHaveLength(0);
  });
});
