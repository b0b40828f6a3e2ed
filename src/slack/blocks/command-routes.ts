import type { types } from '@slack/bolt';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import type { SlackMessage } from './slack-message.js';

export interface RouteListItem {
  pattern: string;
  slackChannelId: string | null;
  slackUsergroupId: string | null;
  createdBySlackUserId: string;
  createdAt: Date;
}

/** Where a rule sends conversations: "→ #billing and @billing". */
export function describeRoute(rule: Pick<RouteListItem, 'pattern' | 'slackChannelId' | 'slackUsergroupId'>): string {
  const targets = [rule.slackChannelId ? `<#${rule.slackChannelId}>` : null, rule.slackUsergroupId ? `<!subteam^${rule.slackUsergroupId}>` : null].filter(
    Boolean,
  );
  return `${inlineCode(rule.pattern)} → ${targets.join(' and ')}`;
}

/** `/social route list`: numbered in evaluation order, with who added each. */
export function renderRouteList(rules: readonly RouteListItem[], defaultChannelId: string): SlackMessage {
  const fallbackLine = `Everything else goes to <#${defaultChannelId}>.`;
  if (rules.length === 0) {
    const text = `*Routing rules*\nNo rules yet: every new conversation goes to <#${defaultChannelId}>. Add one with \`/social route add refund|invoice #billing @billing\`.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const lines = rules.map(
    (rule, index) =>
      `${index + 1}. ${describeRoute(rule)} — added by <@${rule.createdBySlackUserId}> ${formatSlackDate(rule.createdAt, '{date_short_pretty}')}`,
  );
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Routing rules* (new conversations; the first match wins)' } },
    ...lines.map((line): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: line } })),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${fallbackLine} Remove a rule with \`/social route remove <n>\`.` }] },
  ];
  return { text: ['*Routing rules*', ...lines, fallbackLine].join('\n'), blocks };
}

/** Code formatting for what people typed; a backtick inside would end it, so then it is quoted instead. */
export function inlineCode(text: string): string {
  const escaped = escapeMrkdwn(text);
  return text.includes('`') ? `“${escaped}”` : `\`${escaped}\``;
}
