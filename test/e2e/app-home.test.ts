import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonText } from '../../emulators/slack/index.js';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, parentMessages, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

const hour = 3_600_000;

describe.each(databaseKinds)('the App Home (%s)', (kind) => {
  let h: Harness;
  /** How far in the past the X emulator's clock is: posts made meanwhile look that old. */
  let xClockBehindMs = 0;
  beforeEach(async () => {
    xClockBehindMs = 0;
    h = await startHarness(kind, { x: { now: () => Date.now() - xClockBehindMs } });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const userId = (name: string) => h.slack.users[name]!.id;
  const parentOf = (handle: string) => parentMessages(h).find((message) => message.text.includes(`@${handle}:`))!;

  /** Mentions from these customers, the first the oldest (`hoursAgo` each), all posted to Slack. */
  async function mentions(customers: Array<{ handle: string; hoursAgo: number }>) {
    for (const { handle, hoursAgo } of customers) {
      xClockBehindMs = hoursAgo * hour;
      const author = h.x.control.createUser({ username: handle });
      h.x.control.post(author.id, { text: `@${h.x.brand.username} question from ${handle}` });
    }
    xClockBehindMs = 0;
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === customers.length, 'every parent message');
  }

  /** The home tab's sections, by list: the text of each item, top to bottom. */
  function homeLists(user: string) {
    const view = h.slack.state.homeView(userId(user));
    const lists: { mine: string[]; unassigned: string[]; resolved: string[] } = { mine: [], unassigned: [], resolved: [] };
    for (const block of view?.blocks ?? []) {
      const [list, id] = jsonText(block.block_id ?? '').split(':');
      const text = (block as { text?: { text?: string } }).text?.text;
      if (id && (list === 'mine' || list === 'unassigned' || list === 'resolved') && text) lists[list].push(text);
    }
    return lists;
  }

  async function openHome(user: string) {
    const before = h.slack.state.homeView(userId(user))?.hash;
    await h.slack.driver.openAppHome(user);
    await eventually(() => h.slack.state.homeView(userId(user))?.hash !== before && h.slack.state.homeView(userId(user)), `${user}'s home`);
    return homeLists(user);
  }

  async function clickInHome(user: string, actionId: string, handle: string) {
    const view = h.slack.state.homeView(userId(user))!;
    const item = view.blocks.find((block) => jsonText(block.block_id).includes(':') && JSON.stringify(block).includes(`@${handle}`));
    const conversationId = jsonText(item?.block_id).split(':')[1]!;
    const before = view.hash;
    await h.slack.driver.clickButton({ user, home: true, actionId, value: conversationId });
    await eventually(() => h.slack.state.homeView(userId(user))?.hash !== before, `${user}'s home re-published`);
  }

  it('shows my queue, the unassigned queue oldest first with waiting times, and recently resolved', async () => {
    await mentions([
      { handle: 'jo', hoursAgo: 5 },
      { handle: 'kim', hoursAgo: 3 },
      { handle: 'lee', hoursAgo: 2 },
      { handle: 'max', hoursAgo: 1 },
    ]);
    // alice takes lee's, bob resolves max's.
    const overflow = (parentTs: string) =>
      (h.slack.state.message(h.channelId, parentTs)!.blocks ?? [])
        .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as Array<{ type?: string; options?: Array<{ value: string }> }>) : []))
        .flatMap((element) => (element.type === 'overflow' ? (element.options ?? []) : []));
    const lee = parentOf('lee');
    await h.slack.driver.selectOption({
      user: 'alice',
      channel: h.channelId,
      ts: lee.ts,
      actionId: 'conversation_overflow',
      value: overflow(lee.ts).find((option) => option.value.startsWith('take:'))!.value,
    });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, lee.ts)!).includes('Assigned to'), "lee's parent assigned");
    const max = parentOf('max');
    await h.slack.driver.clickButton({ user: 'bob', channel: h.channelId, ts: max.ts, actionId: 'resolve' });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, max.ts)!).includes('Resolved'), "max's parent resolved");

    const home = await openHome('alice');
    expect(home.mine).toHaveLength(1);
    expect(home.mine[0]).toContain('@lee');
    expect(home.mine[0]).toContain('👤 you · waiting 2 h');
    expect(home.unassigned.map((text) => /@(\w+)/.exec(text)?.[1])).toEqual(['jo', 'kim']);
    expect(home.unassigned[0]).toContain('waiting 5 h');
    expect(home.unassigned[1]).toContain('waiting 3 h');
    expect(home.resolved).toHaveLength(1);
    expect(home.resolved[0]).toContain('@max');

    const view = JSON.stringify(h.slack.state.homeView(userId('alice'))!.blocks);
    expect(view).toContain('"text":"Open thread"');
    expect(view).toContain(`${h.channelId}`); // permalinks of the parents

    // Take it from the home: the item moves to my queue, and the parent says so.
    await clickInHome('alice', 'home_take', 'jo');
    const afterTake = homeLists('alice');
    expect(afterTake.mine.map((text) => /@(\w+)/.exec(text)?.[1])).toEqual(['jo', 'lee']);
    expect(afterTake.unassigned.map((text) => /@(\w+)/.exec(text)?.[1])).toEqual(['kim']);
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, parentOf('jo').ts)!).includes(`Assigned to <@${userId('alice')}>`),
      "jo's parent to show alice",
    );

    // Resolve from the home: it moves to recently resolved.
    await clickInHome('alice', 'home_resolve', 'kim');
    const afterResolve = homeLists('alice');
    expect(afterResolve.unassigned).toEqual([]);
    expect(afterResolve.resolved.map((text) => /@(\w+)/.exec(text)?.[1])).toEqual(['kim', 'max']);

    const db = await h.database.open();
    expect(await db.prisma.auditEntry.findMany({ where: { surface: 'app_home' }, orderBy: { id: 'asc' }, select: { action: true } })).toEqual([
      { action: 'conversation.taken' },
      { action: 'conversation.resolved' },
    ]);
    await db.close();
  });

  it("lists a team's unclaimed conversation in each member's queue until one of them takes it", async () => {
    await mentions([{ handle: 'jo', hoursAgo: 1 }]);
    const billing = h.slack.usergroups.billing!;
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parentOf('jo').ts, actionId: 'assign_open' });
    await eventually(() => h.slack.state.openViews(userId('alice'))[0], 'the assign modal');
    await h.slack.driver.submitView({ user: 'alice', values: { assign_team: billing.id } });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parentOf('jo').ts)!).includes('subteam'), 'the team on the parent');

    expect((await openHome('carol')).mine[0]).toContain(`👥 <!subteam^${billing.id}>`);
    expect((await openHome('dana')).mine).toHaveLength(1);
    expect(await openHome('bob')).toEqual({ mine: [], unassigned: [], resolved: [] });

    await clickInHome('carol', 'home_take', 'jo');
    expect(homeLists('carol').mine[0]).toContain('👤 you');

    // Dana's home still offers Take it: she is told carol has it, and the item leaves her queue.
    await clickInHome('dana', 'home_take', 'jo');
    const danaView = h.slack.state.homeView(userId('dana'))!;
    expect(JSON.stringify(danaView.blocks[0])).toContain(`<@${userId('carol')}> already took that conversation`);
    expect(homeLists('dana').mine).toEqual([]);
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, parentOf('jo').ts)!).includes(`Assigned to <@${userId('carol')}>`),
      'carol on the parent',
    );
  });
});
