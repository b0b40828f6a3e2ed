import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../emulators/slack/index.js';
import { eventually, type Harness, parentMessages, socialAnswer, startHarness, visibleText } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('/social commands and routing rules (%s)', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  // alice and bob are managers (they change routing rules); carol is not.
  const start = async ({ managers = ['alice', 'bob'] }: { managers?: string[] } = {}) => {
    h = await startHarness(kind, {
      env: ({ slack }): Record<string, string> => (managers.length ? { ROLE_MANAGERS: managers.map((name) => slack.users[name]!.id).join(',') } : {}),
      slack: {
        channels: [
          { name: 'general', botIsMember: false },
          { name: 'social' },
          // Earshot is not in #billing yet: adding a rule that routes there makes it join.
          { name: 'billing', botIsMember: false },
        ],
      },
    });
  };

  const userId = (name: string) => h.slack.users[name]!.id;
  const teamId = (handle: string) => h.slack.usergroups[handle]!.id;
  const mentionOf = (name: string) => `<@${userId(name)}|${name}>`;
  const teamMention = (handle: string) => `<!subteam^${teamId(handle)}|@${handle}>`;
  const channelMention = (name: string) => `<#${h.slack.channels[name]!}|${name}>`;

  const parentShowing = (channel: string, text: string) => parentMessages(h, channel).find((message) => visibleText(message).includes(text));
  const shownNow = (channel: string, ts: string) => visibleText(h.slack.state.message(channel, ts)!);

  /** Runs `/social <text>` as `user` in #social; the answer given in the acknowledgement. */
  async function social(user: string, text: string): Promise<string> {
    const result = await h.slack.driver.slashCommand({ user, channel: h.channelId, command: '/social', text });
    const response = result.response as { response_type?: string; text?: string; blocks?: unknown[] } | null;
    expect(response?.response_type).toBe('ephemeral');
    return visibleText(response ?? {});
  }

  /** Runs a query (answered through the response_url after an empty acknowledgement). */
  const query = async (user: string, text: string) => visibleText(await socialAnswer(h, user, text));

  async function mention(username: string, text: string, followersCount = 10) {
    const author = h.x.control.createUser({ username, name: username, followersCount });
    return { author, post: h.x.control.post(author.id, { text: `@${h.x.brand.username} ${text}` }) };
  }

  const conversations = () => h.earshot.database.prisma.conversation.findMany({ orderBy: { ref: 'asc' }, include: { author: true } });
  /**
   * The reference of a customer's conversation (the nth, oldest first). References are unique but
   * not gapless: on PostgreSQL a poll that loses a race to store a post still uses up a number.
   */
  const refOf = async (handle: string, nth = 0) => `E-${(await conversations()).filter((conversation) => conversation.author.handle === handle)[nth]!.ref}`;

  /** The direct messages Earshot sends a person, as they arrive (the DM is opened once: conversations.open is rate limited). */
  async function directMessagesTo(name: string): Promise<() => SlackMessage[]> {
    const client = new webApi.WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl });
    const { channel } = await client.conversations.open({ users: userId(name) });
    return () => h.slack.state.messages(channel!.id!);
  }

  it('route add: a matching mention goes to the routed channel and its team is told, with "Take it"', async () => {
    await start();
    const added = await social('alice', `route add refund|invoice ${channelMention('billing')} ${teamMention('billing')}`);
    expect(added).toContain('Rule 1 added: `refund|invoice` →');
    expect(h.slack.state.channel('billing').members).toContain(h.slack.botUserId);

    await mention('jo', 'I want a Refund for order 7');
    await mention('bo', 'love the new store');
    await h.earshot.pollNow();
    const routed = await eventually(() => parentShowing('billing', 'I want a Refund'), 'the routed parent in #billing');
    await eventually(() => parentShowing(h.channelId, 'love the new store'), 'the other parent in #social');
    expect(parentShowing(h.channelId, 'I want a Refund')).toBeUndefined();

    // Handed to @billing by the rule's creator: every member is told, with "Take it".
    for (const member of ['carol', 'dana']) {
      const messages = await directMessagesTo(member);
      const dm = await eventually(() => messages().find((message) => visibleText(message).includes('Take it')), `the DM to ${member}`);
      expect(visibleText(dm)).toContain(`<@${userId('alice')}> handed your team <!subteam^${teamId('billing')}>`);
    }
    await eventually(() => h.slack.state.thread('billing', routed.ts).some((message) => message.text.includes('handed this to')), 'the hand-off in the thread');
    const [refund] = await conversations();
    expect(refund).toMatchObject({ slackChannelId: h.slack.channels.billing, assigneeSlackTeamId: teamId('billing'), status: 'assigned' });
    expect(refund!.routingRuleId).not.toBeNull();
    const audit = await h.earshot.database.prisma.auditEntry.findFirst({ where: { conversationId: refund!.id, action: 'conversation.assigned' } });
    expect(audit).toMatchObject({ surface: 'routing_rule', actorSlackUserId: userId('alice') });
  });

  it('route list and remove: numbered in order with their creators; a removed rule no longer routes', async () => {
    await start();
    expect(await social('alice', `route add refund|invoice ${channelMention('billing')} ${teamMention('billing')}`)).toContain('Rule 1 added');
    expect(await social('bob', `route add /\\bdown\\b/i ${channelMention('social')}`)).toContain('Rule 2 added');
    const listed = await social('carol', 'route list');
    expect(listed).toContain(`1. \`refund|invoice\` → <#${h.slack.channels.billing}> and <!subteam^${teamId('billing')}> — added by <@${userId('alice')}>`);
    expect(listed).toContain(`2. \`/\\\\bdown\\\\b/i\` → <#${h.slack.channels.social}> — added by <@${userId('bob')}>`);

    expect(await social('carol', 'route remove 1')).toContain('Changing the routing rules is only for managers');
    expect(await social('carol', `route add outage ${channelMention('general')}`)).toContain('only for managers');
    expect(await social('alice', 'route remove 1')).toContain('Rule 1 removed: `refund|invoice`');
    expect(await social('alice', 'route remove 5')).toContain('There is no rule 5');
    const after = await social('alice', 'route list');
    expect(after).toContain('1. `/\\\\bdown\\\\b/i`');
    expect(after).not.toContain('refund|invoice');

    await mention('mo', 'refund please, again');
    await h.earshot.pollNow();
    await eventually(() => parentShowing(h.channelId, 'refund please, again'), 'the next refund mention in #social (the rule is gone)');
  });

  it('queue: open conversations oldest first (never by followers), with waiting time, status and a link; mine, team, unassigned', async () => {
    await start();
    await mention('loud', 'first in, loud', 1_000_000);
    await mention('quiet', 'second in, quiet', 3);
    await mention('middle', 'third in', 50);
    await mention('done', 'fourth, already handled', 50);
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 4, 'four parents');
    const byHandle = async (handle: string) => (await conversations()).find((conversation) => conversation.author.handle === handle)!;
    const [loud, quiet, middle, done] = await Promise.all(['loud', 'quiet', 'middle', 'done'].map(byHandle));
    const [eLoud, eQuiet, eMiddle, eDone] = await Promise.all(['loud', 'quiet', 'middle', 'done'].map((handle) => refOf(handle)));
    const prisma = h.earshot.database.prisma;
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await prisma.conversation.update({ where: { id: loud!.id }, data: { createdAt: ago(10), waitingSince: ago(10) } });
    await prisma.conversation.update({ where: { id: quiet!.id }, data: { createdAt: ago(125), waitingSince: ago(125) } });
    await prisma.conversation.update({ where: { id: middle!.id }, data: { createdAt: ago(30), waitingSince: ago(30) } });
    await prisma.conversation.update({ where: { id: done!.id }, data: { createdAt: ago(500), status: 'resolved' } });

    const all = await query('alice', 'queue');
    const order = [eQuiet, eMiddle, eLoud].map((ref) => all.indexOf(`|${ref}>`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(all).not.toContain(`|${eDone}>`);
    expect(all).toContain('@quiet · waiting 2 h 5 min · 🆕 New');
    expect(all).toMatch(new RegExp(`<https://[^|>]*/archives/${h.channelId}/p\\d+\\|${eQuiet}>`));
    expect(all).toContain('3 conversations · oldest first');

    expect(await social('alice', `assign ${eLoud} ${mentionOf('bob')}`)).toContain(`${eLoud} (@loud) is now assigned to <@`);
    expect(await social('alice', `assign ${eMiddle} ${teamMention('billing')}`)).toContain(`assigned to <!subteam^${teamId('billing')}>`);
    const mine = await query('bob', 'queue mine');
    expect(mine).toContain(`|${eLoud}>`);
    expect(mine).not.toContain(`|${eQuiet}>`);
    expect(mine).toContain(`👤 Assigned to <@${userId('bob')}>`);
    const team = await query('dana', 'queue team');
    expect(team).toContain(`|${eMiddle}>`);
    expect(team).not.toContain(`|${eLoud}>`);
    expect(await query('bob', 'queue team')).toContain('not in any team');
    const unassigned = await query('alice', 'queue unassigned');
    expect(unassigned).toContain(`|${eQuiet}>`);
    expect(unassigned).not.toContain(`|${eLoud}>`);
    expect(unassigned).not.toContain(`|${eMiddle}>`);
  });

  it('assign, take, unassign, resolve and reopen by reference or post link; the parent message follows', async () => {
    await start();
    const { post } = await mention('jo', 'my parcel is lost');
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the parent');
    const ref = await refOf('jo');

    expect(await social('alice', `assign ${ref} ${mentionOf('bob')} can you look?`)).toContain('is now assigned to');
    await eventually(() => shownNow(h.channelId, parent.ts).includes(`Assigned to <@${userId('bob')}>`), 'the parent to show bob');
    expect(await social('carol', `take ${ref.toLowerCase().replace('-', '')}`)).toContain(`${ref} (@jo) is yours now.`);
    await eventually(() => shownNow(h.channelId, parent.ts).includes(`Assigned to <@${userId('carol')}>`), 'the parent to show carol');
    expect(await social('carol', `take ${ref}`)).toContain('already yours');
    expect(await social('carol', `unassign ${ref}`)).toContain('back in the open queue');
    await eventually(() => !shownNow(h.channelId, parent.ts).includes('Assigned to'), 'the parent to drop the assignee');

    expect(await social('alice', `resolve <https://x.com/jo/status/${post.id}>`)).toContain(`✅ ${ref} (@jo) is resolved.`);
    await eventually(() => shownNow(h.channelId, parent.ts).includes('Resolved'), 'the parent to show Resolved');
    expect(await social('alice', `resolve ${ref}`)).toContain('already resolved');
    expect(await social('alice', `reopen ${ref}`)).toContain('open again');
    await eventually(() => shownNow(h.channelId, parent.ts).includes('"action_id":"resolve"'), 'the parent to offer Resolve again');
    expect(await social('alice', 'resolve E-9999')).toContain('no conversation for E-9999');

    const actions = await h.earshot.database.prisma.auditEntry.findMany({ where: { surface: 'slash_command' }, orderBy: { id: 'asc' } });
    expect(actions.map((entry) => entry.action)).toEqual([
      'conversation.assigned',
      'conversation.taken',
      'conversation.unassigned',
      'conversation.resolved',
      'conversation.reopened',
    ]);
    // Bob was told by DM, with alice's note.
    const toBob = await directMessagesTo('bob');
    const dm = await eventually(() => toBob()[0], 'the DM to bob');
    expect(visibleText(dm)).toContain('can you look?');
  });

  it('search (text or @handle) newest first, and history oldest first', async () => {
    await start();
    const { author: jo } = await mention('jo', 'Where is my REFUND?');
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 1, 'the first parent');
    await mention('bo', 'refund took 3 weeks');
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 2, 'the second parent');
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} and my invoice is wrong` });
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 3, 'the third parent');
    const [jo1, bo1, jo2] = [await refOf('jo', 0), await refOf('bo'), await refOf('jo', 1)];
    await social('alice', `resolve ${jo1}`);

    const found = await query('alice', 'search refund');
    expect(found).toContain('Conversations mentioning “refund”');
    expect(found.indexOf(`|${bo1}>`)).toBeGreaterThan(0);
    expect(found.indexOf(`|${bo1}>`)).toBeLessThan(found.indexOf(`|${jo1}>`));
    expect(found).not.toContain(`|${jo2}>`);
    expect(found).toContain('2 conversations · newest first');

    const byHandle = await query('alice', 'search @JO');
    expect(byHandle.indexOf(`|${jo2}>`)).toBeGreaterThan(0);
    expect(byHandle.indexOf(`|${jo2}>`)).toBeLessThan(byHandle.indexOf(`|${jo1}>`));
    expect(byHandle).not.toContain(`|${bo1}>`);

    const byRef = await query('alice', `search ${jo2}`);
    expect(byRef).toContain(`Conversations numbered ${jo2}`);
    expect(byRef).toContain('and my invoice is wrong');
    expect(byRef).not.toContain(`|${jo1}>`);

    const history = await query('alice', 'history @jo');
    expect(history).toContain('History of @jo');
    expect(history).toContain('✅ Resolved');
    expect(history).toContain('and my invoice is wrong');
    expect(history.indexOf(`|${jo1}>`)).toBeLessThan(history.indexOf(`|${jo2}>`));
    expect(await query('alice', 'history @nobody')).toContain('No conversations with @nobody yet.');
    // Wildcards are searched for literally ("_" would match the "f" of "refund").
    expect(await query('alice', 'search re_und')).toContain('No conversation matches.');
    expect(await query('alice', 'history @j_')).toContain('No conversations with @j_ yet.');
  });

  it('spam: the author’s new posts are stored but start no thread, until unspam', async () => {
    await start();
    const { author: spammer } = await mention('spammer', 'buy followers now');
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the first parent');
    const ref = await refOf('spammer');

    expect(await social('alice', `spam ${ref}`)).toContain('@spammer is marked as spam');
    await eventually(() => shownNow(h.channelId, parent.ts).includes('Resolved'), 'the parent to show Resolved');
    expect(await social('alice', `spam ${ref}`)).toContain('already marked as spam');

    h.x.control.post(spammer.id, { text: `@${h.x.brand.username} cheap followers here` });
    await mention('real', 'a real question');
    await h.earshot.pollNow();
    await eventually(() => parentShowing(h.channelId, 'a real question'), 'the other customer’s parent');
    await h.slack.idle();
    expect(parentShowing(h.channelId, 'cheap followers')).toBeUndefined();
    const silenced = (await conversations()).find((conversation) => conversation.author.handle === 'spammer' && `E-${conversation.ref}` !== ref)!;
    expect(silenced).toMatchObject({ status: 'resolved', slackThreadTs: null });
    expect(await query('alice', 'queue')).not.toContain('spammer');
    expect(await query('alice', 'history @spammer')).toContain('🚫');

    expect(await social('alice', `unspam ${ref}`)).toContain('no longer marked as spam');
    h.x.control.post(spammer.id, { text: `@${h.x.brand.username} sorry, an actual question` });
    await h.earshot.pollNow();
    await eventually(() => parentShowing(h.channelId, 'an actual question'), 'a thread for the unmarked author');
  });

  it('an unknown subcommand or a bad argument gets the usage, never a stack trace; bad rules are refused; help and signature still work', async () => {
    await start();
    const unknown = await social('alice', 'frobnicate');
    expect(unknown).toContain('Unknown command “frobnicate”');
    expect(unknown).toContain('`queue [mine|team|unassigned]`');
    expect(await social('alice', 'assign E-1')).toContain('Usage: `/social` `assign &lt;ref&gt; @person|@team [note]`');
    expect(await social('alice', 'queue everything')).toContain('is not a queue');
    expect(await social('alice', 'take hello')).toContain('“hello” is not a conversation');
    expect(await social('alice', 'help')).toContain('`route add &lt;keywords|/regex/&gt; #channel @team`');
    expect(await social('alice', 'signature')).toContain('Your public replies are not signed');
    expect(await social('alice', 'signature ^AL')).toContain('will end with “^AL”');
    expect(await social('alice', 'signature')).toContain('Your public replies end with “^AL”');
    expect(await social('alice', 'signature call 555 123 4567')).toContain('looks like private data');
    expect(await social('alice', 'signature')).toContain('end with “^AL”');
    // Routing rules: refused with a clear message, and nothing stored.
    expect(await social('alice', `route add /(?<!no )refund/ ${channelMention('billing')}`)).toContain('Look-arounds');
    expect(await social('alice', `route add /[/ ${channelMention('billing')}`)).toContain('not a valid regular expression');
    expect(await social('alice', 'route add refund')).toContain('Usage: `/social` `route add');
    expect(await social('alice', 'route add refund @nosuchteam')).toContain('There is no team @nosuchteam');
    expect(await social('alice', 'route list')).toContain('No rules yet');
    expect(h.logs.join('')).not.toContain('a Slack listener failed');
  });

  it('with no managers configured, nobody changes routing rules, erases data or exports the audit log', async () => {
    await start({ managers: [] });
    for (const command of [`route add refund ${channelMention('billing')}`, 'route remove 1'])
      expect(await social('alice', command), command).toContain('no one is set up as a manager yet');
    for (const command of ['forget @jo', 'audit export']) expect(await query('alice', command), command).toContain('no one is set up as a manager yet');
    expect(await social('alice', 'route list')).toContain('No rules yet');
    expect(h.logs.join('')).toContain('set ROLE_MANAGERS');
  });
});
