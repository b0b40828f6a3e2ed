import { supportedNetworkNames } from '../../channels/networks.js';
import type { UsageTopic } from '../listeners/commands/parse-social-command.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import type { SlackMessage } from './slack-message.js';

// Written as people type them; escaped once below, since Slack reads <…> as links and mentions.
const USAGE_AS_TYPED: Record<UsageTopic | 'help', string> = {
  help: '`help` — this list',
  queue: '`queue [mine|team|unassigned]` — open conversations, oldest first',
  assign: '`assign <ref> @person|@team [note]` — hand a conversation over',
  take: '`take <ref>` — make it yours',
  unassign: '`unassign <ref>` — back to the open queue',
  resolve: '`resolve <ref>` — mark it done',
  reopen: '`reopen <ref>` — open it again',
  search: '`search <words|@handle|ref>` — find conversations (newest first)',
  history: '`history @handle` — everything this customer wrote to us',
  spam: '`spam <ref>` — their new posts start no threads',
  unspam: '`unspam <ref>` — undo `spam`',
  route: '`route add <keywords|/regex/> #channel @team` · `route list` · `route remove <n>` — where new conversations go',
  signature: '`signature ^AL` — sign your public replies (`signature` shows yours, `signature none` stops)',
  audit: '`audit <ref>` — who did what in a conversation · `audit export [period]` — the audit log as CSV (managers)',
  forget: '`forget @handle` — erase a customer’s posts and personal data (data request; managers)',
};

const USAGE = Object.fromEntries(Object.entries(USAGE_AS_TYPED).map(([topic, line]) => [topic, escapeMrkdwn(line)])) as Record<UsageTopic | 'help', string>;

const ORDER: Array<UsageTopic | 'help'> = [
  'help',
  'queue',
  'assign',
  'take',
  'unassign',
  'resolve',
  'reopen',
  'search',
  'history',
  'spam',
  'unspam',
  'route',
  'signature',
  'audit',
  'forget',
];

function refHint(): string {
  return escapeMrkdwn(`\`<ref>\` is the reference on the conversation’s message (E-42) or a link to the post on ${supportedNetworkNames('or')}.`);
}

/** `/social help`. */
export function renderCommandHelp(): SlackMessage {
  const text = ['*Earshot* — `/social &lt;command&gt;`', ...ORDER.map((topic) => `• ${USAGE[topic]}`), refHint()].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** What was wrong, then how it is written: one usage line when the subcommand is known, else the whole list. */
export function renderCommandError(error: string, topic?: UsageTopic): SlackMessage {
  if (!topic) {
    const help = renderCommandHelp();
    return { text: `${error}\n${help.text}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${error}` } }, ...help.blocks] };
  }
  const text = `${error}\nUsage: /social ${USAGE[topic]}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${error}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Usage: \`/social\` ${USAGE[topic]}` }] },
    ],
  };
}

/** A one-line answer (a mutation done, or why not). */
export function renderCommandNotice(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
