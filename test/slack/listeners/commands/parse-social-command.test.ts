import { describe, expect, it } from 'vitest';
import { parseSocialCommand } from '../../../../src/slack/listeners/commands/parse-social-command.js';
import { parseSlackMention, unescapeCommandText } from '../../../../src/slack/listeners/commands/parse-slack-mention.js';

const command = (text: string) => {
  const parsed = parseSocialCommand(text);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${parsed.error}`);
  return parsed.command;
};
const failure = (text: string) => {
  const parsed = parseSocialCommand(text);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(parsed.command)}`);
  return parsed;
};

describe('parseSlackMention', () => {
  it.each([
    ['<@U0123ABCDE|alice>', { kind: 'user', id: 'U0123ABCDE' }],
    ['<@U0123ABCDE>', { kind: 'user', id: 'U0123ABCDE' }],
    ['<#C0123ABCDE|billing>', { kind: 'channel', id: 'C0123ABCDE' }],
    ['<#C0123ABCDE|>', { kind: 'channel', id: 'C0123ABCDE' }],
    ['<!subteam^S0123ABCDE|@billing>', { kind: 'usergroup', id: 'S0123ABCDE' }],
    ['<!subteam^S0123ABCDE>', { kind: 'usergroup', id: 'S0123ABCDE' }],
    ['U0123ABCDE', { kind: 'user', id: 'U0123ABCDE' }],
    ['C0123ABCDE', { kind: 'channel', id: 'C0123ABCDE' }],
    ['G0123ABCDE', { kind: 'channel', id: 'G0123ABCDE' }],
    ['S0123ABCDE', { kind: 'usergroup', id: 'S0123ABCDE' }],
    ['@billing', { kind: 'name', name: 'billing' }],
  ])('reads %j', (word, expected) => {
    expect(parseSlackMention(word)).toEqual(expected);
  });

  it.each(['refund', 'C3PO', '#billing', '<https://x.com|x.com>', '@', 'Superlongword'])('does not read %j as a mention', (word) => {
    expect(parseSlackMention(word)).toBeUndefined();
  });

  it('unescapes what Slack escaped, and unwraps links', () => {
    expect(unescapeCommandText('a &amp; b &lt;c&gt; <https://x.com/jo|x.com/jo>')).toBe('a & b <c> https://x.com/jo');
  });
});

describe('parseSocialCommand', () => {
  it('reads help, also from nothing at all', () => {
    expect(command('')).toEqual({ name: 'help' });
    expect(command('  HELP ')).toEqual({ name: 'help' });
  });

  it('keeps signature working', () => {
    expect(command('signature ^AL')).toEqual({ name: 'signature', signature: '^AL' });
    expect(command('signature')).toEqual({ name: 'signature', signature: '' });
    expect(command('signature R&amp;D')).toEqual({ name: 'signature', signature: 'R&D' });
  });

  it.each([
    ['queue', 'all'],
    ['queue mine', 'mine'],
    ['queue TEAM', 'team'],
    ['queue unassigned', 'unassigned'],
  ])('reads %j', (text, filter) => {
    expect(command(text)).toEqual({ name: 'queue', filter });
  });

  it('refuses an unknown queue with its usage', () => {
    expect(failure('queue yours')).toEqual({ ok: false, error: expect.stringContaining('“yours” is not a queue'), topic: 'queue' });
  });

  it.each(['take', 'unassign', 'resolve', 'reopen', 'spam', 'unspam'] as const)('reads %s <ref> (reference or post link)', (name) => {
    expect(command(`${name} E-42`)).toEqual({ name, ref: { kind: 'ref', number: 42 } });
    expect(command(`${name} <https://x.com/jo/status/1790000000000000001>`)).toEqual({
      name,
      ref: { kind: 'post', network: 'x', postId: '1790000000000000001' },
    });
  });

  it('refuses a missing, malformed or extra reference', () => {
    expect(failure('resolve')).toMatchObject({ error: expect.stringContaining('Which conversation?'), topic: 'resolve' });
    expect(failure('take E-4x')).toMatchObject({ error: expect.stringContaining('“E-4x” is not a conversation'), topic: 'take' });
    expect(failure('resolve E-1 E-2')).toMatchObject({ error: expect.stringContaining('one conversation only'), topic: 'resolve' });
  });

  it('reads assign to a person, a team, both, with a note', () => {
    expect(command('assign E-42 <@U0123ABCDE|alice>')).toEqual({ name: 'assign', ref: { kind: 'ref', number: 42 }, toUserId: 'U0123ABCDE' });
    expect(command('assign #42 <!subteam^S0123ABCDE|@billing>')).toEqual({ name: 'assign', ref: { kind: 'ref', number: 42 }, toTeam: { id: 'S0123ABCDE' } });
    expect(command('assign 42 @billing')).toEqual({ name: 'assign', ref: { kind: 'ref', number: 42 }, toTeam: { handle: 'billing' } });
    expect(command('assign E-42 <@U0123ABCDE|alice> <!subteam^S0123ABCDE|@billing> can you check the invoice &amp; refund?')).toEqual({
      name: 'assign',
      ref: { kind: 'ref', number: 42 },
      toUserId: 'U0123ABCDE',
      toTeam: { id: 'S0123ABCDE' },
      note: 'can you check the invoice & refund?',
    });
  });

  it('refuses assign without anyone, to a channel, or to two people', () => {
    expect(failure('assign E-42')).toMatchObject({ error: expect.stringContaining('To whom?'), topic: 'assign' });
    expect(failure('assign E-42 please')).toMatchObject({ error: expect.stringContaining('To whom?') });
    expect(failure('assign E-42 <#C0123ABCDE|billing>')).toMatchObject({ error: expect.stringContaining('not a channel') });
    expect(failure('assign E-42 <@U0123ABCDE|a> <@U0123ABCDF|b>')).toMatchObject({ error: expect.stringContaining('one person') });
  });

  it('reads search by text (unescaped, spaces collapsed) or by @handle', () => {
    expect(command('search  Order   &amp; refund ')).toEqual({ name: 'search', query: { kind: 'text', text: 'Order & refund' } });
    expect(command('search @Jo_Customer')).toEqual({ name: 'search', query: { kind: 'handle', handle: 'Jo_Customer' } });
    expect(command('search <@U0123ABCDE|jo>')).toEqual({ name: 'search', query: { kind: 'handle', handle: 'jo' } });
    expect(command('search @jo is late')).toEqual({ name: 'search', query: { kind: 'text', text: '@jo is late' } });
    expect(command('search E-3')).toEqual({ name: 'search', query: { kind: 'ref', ref: { kind: 'ref', number: 3 } } });
    expect(command('search https://x.com/jo/status/1790000000000000001')).toEqual({
      name: 'search',
      query: { kind: 'ref', ref: { kind: 'post', network: 'x', postId: '1790000000000000001' } },
    });
    expect(failure('search')).toMatchObject({ topic: 'search' });
    expect(failure(`search ${'x'.repeat(101)}`)).toMatchObject({ topic: 'search' });
  });

  it('reads history of a handle, a bare name or a profile link', () => {
    expect(command('history @jo')).toEqual({ name: 'history', handle: 'jo' });
    expect(command('history jo')).toEqual({ name: 'history', handle: 'jo' });
    expect(command('history <https://x.com/jo_customer|x.com/jo_customer>')).toEqual({ name: 'history', handle: 'jo_customer' });
    expect(failure('history')).toMatchObject({ topic: 'history' });
    expect(failure('history @jo @bo')).toMatchObject({ error: expect.stringContaining('is not a handle on X'), topic: 'history' });
  });

  describe('route', () => {
    it('adds keywords routed to an escaped channel and team', () => {
      expect(command('route add refund|invoice <#C0123ABCDE|billing> <!subteam^S0123ABCDE|@billing>')).toEqual({
        name: 'route-add',
        pattern: 'refund|invoice',
        slackChannelId: 'C0123ABCDE',
        team: { id: 'S0123ABCDE' },
      });
    });

    it('adds phrases with spaces, to a channel only or a team only, with raw ids or a plain team handle', () => {
      expect(command('route add out of stock | back order  C0123ABCDE')).toEqual({
        name: 'route-add',
        pattern: 'out of stock|back order',
        slackChannelId: 'C0123ABCDE',
      });
      expect(command('route add refund @billing')).toEqual({ name: 'route-add', pattern: 'refund', team: { handle: 'billing' } });
      expect(command('route add refund <#C0123ABCDE|>')).toEqual({ name: 'route-add', pattern: 'refund', slackChannelId: 'C0123ABCDE' });
    });

    it('adds a regular expression, unescaping what Slack escaped', () => {
      expect(command('route add /refund(ed)? &amp; more/i <#C0123ABCDE|billing>')).toEqual({
        name: 'route-add',
        pattern: '/refund(ed)? & more/i',
        slackChannelId: 'C0123ABCDE',
      });
    });

    it('refuses a rule without a target, to a person, without a pattern, or with a bad pattern', () => {
      expect(failure('route add refund')).toMatchObject({ error: expect.stringContaining('Where to?'), topic: 'route' });
      expect(failure('route add refund <@U0123ABCDE|alice>')).toMatchObject({ error: expect.stringContaining('not to a person') });
      expect(failure('route add <#C0123ABCDE|billing>')).toMatchObject({ error: expect.stringContaining('Where to?') });
      expect(failure('route add /(?&lt;!no )refund/ <#C0123ABCDE|billing>')).toMatchObject({ error: expect.stringContaining('Look-arounds') });
      expect(failure('route add /[/ <#C0123ABCDE|billing>')).toMatchObject({ error: expect.stringContaining('not a valid regular expression') });
      expect(failure('route add refund <#C0123ABCDE|a> <#C0123ABCDF|b>')).toMatchObject({ error: expect.stringContaining('one channel') });
    });

    it('lists and removes', () => {
      expect(command('route list')).toEqual({ name: 'route-list' });
      expect(command('routes')).toEqual({ name: 'route-list' });
      expect(command('route remove 2')).toEqual({ name: 'route-remove', number: 2 });
      expect(failure('route remove two')).toMatchObject({ topic: 'route' });
      expect(failure('route remove 0')).toMatchObject({ topic: 'route' });
      expect(failure('route')).toMatchObject({ topic: 'route' });
      expect(failure('route rename 1')).toMatchObject({ error: expect.stringContaining('“rename” is not a route command') });
    });
  });

  it('refuses an unknown subcommand without a topic (the whole usage is shown)', () => {
    expect(failure('frobnicate now')).toEqual({ ok: false, error: 'Unknown command “frobnicate”.' });
  });
});
