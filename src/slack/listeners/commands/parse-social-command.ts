import { supportedNetworkNames, supportedNetworks } from '../../../channels/networks.js';
import type { SearchQuery } from '../../../conversations/search-conversations.js';
import { parseConversationRef, type ParsedConversationRef } from '../../../domain/conversation-ref.js';
import { parseReportArgs } from '../../../reports/parse-report-args.js';
import type { PeriodSpec } from '../../../reports/report-period.js';
import { parseRoutingPattern } from '../../../routing/routing-pattern.js';
import { parseSlackMention, splitCommandWords, unescapeCommandText } from './parse-slack-mention.js';

export const QUEUE_FILTERS = ['all', 'mine', 'team', 'unassigned'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** A team named by id (escaped mention or raw id) or by its handle (to look up). */
export type TeamTarget = { id: string } | { handle: string };

export type RefCommandName = 'take' | 'unassign' | 'resolve' | 'reopen' | 'spam' | 'unspam';

export type SocialCommand =
  | { name: 'help' }
  | { name: 'signature'; signature: string }
  | { name: 'queue'; filter: QueueFilter }
  | { name: 'assign'; ref: ParsedConversationRef; toUserId?: string; toTeam?: TeamTarget; note?: string }
  | { name: RefCommandName; ref: ParsedConversationRef }
  | { name: 'search'; query: SearchQuery }
  | { name: 'history'; handle: string }
  | { name: 'route-add'; pattern: string; slackChannelId?: string; team?: TeamTarget }
  | { name: 'route-list' }
  | { name: 'route-remove'; number: number }
  | { name: 'audit'; ref: ParsedConversationRef }
  | { name: 'audit-export'; period: PeriodSpec }
  | { name: 'forget'; handle: string };

/** The usage line to show with an error: one subcommand's, or the whole list. */
export type UsageTopic = 'signature' | 'queue' | 'assign' | RefCommandName | 'search' | 'history' | 'route' | 'audit' | 'forget';

export type ParsedSocialCommand = { ok: true; command: SocialCommand } | { ok: false; error: string; topic?: UsageTopic };

const REF_COMMANDS: readonly RefCommandName[] = ['take', 'unassign', 'resolve', 'reopen', 'spam', 'unspam'];
const MAX_SEARCH_LENGTH = 100;
const MAX_NOTE_LENGTH = 1000;

/**
 * Turns the text after `/social` (as Slack escapes it) into a typed command, or says what is
 * wrong. Errors are Slack mrkdwn: they quote what was typed as Slack sent it (already escaped).
 */
export function parseSocialCommand(text: string): ParsedSocialCommand {
  const trimmed = text.trim();
  const head = /^\S+/.exec(trimmed)?.[0] ?? '';
  const rest = trimmed.slice(head.length).trim();
  const subcommand = head.toLowerCase();
  switch (subcommand) {
    case '':
    case 'help':
      return ok({ name: 'help' });
    case 'signature':
      return ok({ name: 'signature', signature: unescapeCommandText(rest) });
    case 'queue':
      return parseQueue(rest);
    case 'assign':
      return parseAssign(rest);
    case 'search':
      return parseSearch(rest);
    case 'history':
      return parseHistory(rest);
    case 'audit':
      return parseAudit(rest);
    case 'forget':
      return parseForget(rest);
    case 'route':
    case 'routes':
      return parseRoute(subcommand === 'routes' && rest === '' ? 'list' : rest);
    default:
      if ((REF_COMMANDS as readonly string[]).includes(subcommand)) return parseRefCommand(subcommand as RefCommandName, rest);
      return { ok: false, error: `Unknown command “${head}”.` };
  }
}

function ok(command: SocialCommand): ParsedSocialCommand {
  return { ok: true, command };
}

function fail(topic: UsageTopic, error: string): ParsedSocialCommand {
  return { ok: false, error, topic };
}

function parseQueue(rest: string): ParsedSocialCommand {
  const filter = (rest === '' ? 'all' : rest.toLowerCase()) as QueueFilter;
  if (!QUEUE_FILTERS.includes(filter)) return fail('queue', `“${rest}” is not a queue: use mine, team or unassigned (or nothing, for all).`);
  return ok({ name: 'queue', filter });
}

function readRef(word: string | undefined, topic: UsageTopic): { ok: true; ref: ParsedConversationRef } | { ok: false; failure: ParsedSocialCommand } {
  const onNetworks = supportedNetworkNames('or');
  if (!word) return { ok: false, failure: fail(topic, `Which conversation? Give its reference, like E-42, or a link to the post on ${onNetworks}.`) };
  const ref = parseConversationRef(word);
  if (!ref) {
    return {
      ok: false,
      failure: fail(topic, `“${word}” is not a conversation: use the reference on its message (E-42) or a link to the post on ${onNetworks}.`),
    };
  }
  return { ok: true, ref };
}

function parseRefCommand(name: RefCommandName, rest: string): ParsedSocialCommand {
  const words = splitCommandWords(rest);
  const ref = readRef(words[0]?.word, name);
  if (!ref.ok) return ref.failure;
  if (words.length > 1) return fail(name, `\`${name}\` takes one conversation only.`);
  return ok({ name, ref: ref.ref });
}

function parseAssign(rest: string): ParsedSocialCommand {
  const words = splitCommandWords(rest);
  const ref = readRef(words[0]?.word, 'assign');
  if (!ref.ok) return ref.failure;
  let toUserId: string | undefined;
  let toTeam: TeamTarget | undefined;
  let index = 1;
  for (; index < words.length; index += 1) {
    const mention = parseSlackMention(words[index]!.word);
    if (!mention) break;
    if (mention.kind === 'channel') return fail('assign', 'Conversations are assigned to a person or a team (a user group), not a channel.');
    if (mention.kind === 'user') {
      if (toUserId) return fail('assign', 'Assign to one person (and/or one team) at a time.');
      toUserId = mention.id;
    } else {
      if (toTeam) return fail('assign', 'Assign to one team (and/or one person) at a time.');
      toTeam = mention.kind === 'usergroup' ? { id: mention.id } : { handle: mention.name };
    }
  }
  if (!toUserId && !toTeam) return fail('assign', 'To whom? Mention a person (@alice) or a team (@billing).');
  const note = index < words.length ? unescapeCommandText(rest.slice(words[index]!.start).trim()) : '';
  if (note.length > MAX_NOTE_LENGTH) return fail('assign', `A note is at most ${MAX_NOTE_LENGTH} characters.`);
  return ok({ name: 'assign', ref: ref.ref, ...(toUserId ? { toUserId } : {}), ...(toTeam ? { toTeam } : {}), ...(note ? { note } : {}) });
}

/** A customer's handle from `@jo`, `jo`, a link to their profile on a network, or a Slack mention whose name is the handle. */
function readHandle(word: string): string | undefined {
  const slackLabel = /^<@[UW][A-Z0-9]+\|([^>]+)>$/.exec(word)?.[1];
  const value = unescapeCommandText(slackLabel ?? word);
  for (const network of supportedNetworks()) {
    const handle = network.readHandle(value);
    if (handle !== undefined) return handle;
  }
  return undefined;
}

/** What to say when a word is not a handle: who to name, and where. */
function handleFailure(topic: 'history' | 'forget', rest: string, question: string): ParsedSocialCommand {
  const onNetworks = supportedNetworkNames('or');
  return fail(topic, rest === '' ? `${question} Give the customer’s @handle on ${onNetworks}.` : `“${rest}” is not a handle on ${onNetworks}.`);
}

function parseSearch(rest: string): ParsedSocialCommand {
  if (rest === '') return fail('search', 'Search for what? Some words from the posts, the customer’s @handle, or a reference (E-42).');
  const words = splitCommandWords(rest);
  const ref = words.length === 1 ? parseConversationRef(words[0]!.word) : null;
  if (ref) return ok({ name: 'search', query: { kind: 'ref', ref } });
  if (words.length === 1 && (rest.startsWith('@') || rest.startsWith('<@'))) {
    const handle = readHandle(rest);
    if (handle) return ok({ name: 'search', query: { kind: 'handle', handle } });
  }
  const text = unescapeCommandText(rest).replace(/\s+/g, ' ');
  if (text.length > MAX_SEARCH_LENGTH) return fail('search', `Search for at most ${MAX_SEARCH_LENGTH} characters.`);
  return ok({ name: 'search', query: { kind: 'text', text } });
}

function parseHistory(rest: string): ParsedSocialCommand {
  const words = splitCommandWords(rest);
  const handle = words.length === 1 ? readHandle(words[0]!.word) : undefined;
  if (!handle) return handleFailure('history', rest, 'Whose history?');
  return ok({ name: 'history', handle });
}

/** The audit log export covers the last 30 days unless a period is given. */
export const AUDIT_EXPORT_DEFAULT_PERIOD: PeriodSpec = { kind: 'days', days: 30 };

function parseAudit(rest: string): ParsedSocialCommand {
  const action = (/^\S+/.exec(rest)?.[0] ?? '').toLowerCase();
  if (action !== 'export') {
    const words = splitCommandWords(rest);
    const ref = readRef(words[0]?.word, 'audit');
    if (!ref.ok) return ref.failure;
    if (words.length > 1) return fail('audit', '`audit` shows one conversation at a time.');
    return ok({ name: 'audit', ref: ref.ref });
  }
  const period = rest.slice(action.length).trim();
  if (period === '') return ok({ name: 'audit-export', period: AUDIT_EXPORT_DEFAULT_PERIOD });
  // The same periods as /socialreport; its other options (filters, csv…) mean nothing here.
  const parsed = parseReportArgs(period);
  const onlyPeriod = parsed.ok && !parsed.args.csv && !parsed.args.businessHours && Object.keys(parsed.args.filters).length === 0;
  if (!parsed.ok || !onlyPeriod) {
    const reason = parsed.ok ? `“${period}” is not a period.` : (parsed.error.split('\n')[0] ?? '');
    return fail('audit', `${reason} Give one period: \`last 30 days\`, \`this month\`, \`today\` or \`2026-11-01..2026-11-30\`.`);
  }
  return ok({ name: 'audit-export', period: parsed.args.period });
}

function parseForget(rest: string): ParsedSocialCommand {
  const words = splitCommandWords(rest);
  const handle = words.length === 1 ? readHandle(words[0]!.word) : undefined;
  if (!handle) return handleFailure('forget', rest, 'Whose data?');
  return ok({ name: 'forget', handle });
}

function parseRoute(rest: string): ParsedSocialCommand {
  const action = (/^\S+/.exec(rest)?.[0] ?? '').toLowerCase();
  const argument = rest.slice(action.length).trim();
  switch (action) {
    case 'list':
    case 'ls':
      return argument === '' ? ok({ name: 'route-list' }) : fail('route', '`route list` takes nothing more.');
    case 'remove':
    case 'rm':
    case 'delete': {
      const number = /^#?(\d{1,4})$/.exec(argument)?.[1];
      if (!number || Number(number) < 1) return fail('route', 'Which rule? Give its number from `/social route list`, like `route remove 2`.');
      return ok({ name: 'route-remove', number: Number(number) });
    }
    case 'add':
      return parseRouteAdd(argument);
    default:
      return fail(
        'route',
        action === '' ? 'Say what to do with routing rules: add, list or remove.' : `“${action}” is not a route command: use add, list or remove.`,
      );
  }
}

function parseRouteAdd(argument: string): ParsedSocialCommand {
  const words = splitCommandWords(argument);
  let slackChannelId: string | undefined;
  let team: TeamTarget | undefined;
  let patternEnd = argument.length;
  // The targets come last; everything before them is the pattern (which may contain spaces).
  for (let index = words.length - 1; index > 0; index -= 1) {
    const mention = parseSlackMention(words[index]!.word);
    if (!mention) break;
    if (mention.kind === 'user') return fail('route', 'A rule sends conversations to a channel and/or a team (a user group), not to a person.');
    if (mention.kind === 'channel') {
      if (slackChannelId) return fail('route', 'A rule sends conversations to one channel.');
      slackChannelId = mention.id;
    } else {
      if (team) return fail('route', 'A rule hands conversations to one team.');
      team = mention.kind === 'usergroup' ? { id: mention.id } : { handle: mention.name };
    }
    patternEnd = words[index]!.start;
  }
  if (!slackChannelId && !team) return fail('route', 'Where to? End the rule with a #channel, a @team, or both.');
  const pattern = parseRoutingPattern(unescapeCommandText(argument.slice(0, patternEnd)));
  if (!pattern.ok) return fail('route', pattern.error);
  return ok({ name: 'route-add', pattern: pattern.text, ...(slackChannelId ? { slackChannelId } : {}), ...(team ? { team } : {}) });
}
