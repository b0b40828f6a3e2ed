/**
 * What one word of a slash command names. With `should_escape: true` (manifest.yml) Slack sends
 * mentions picked from the autocomplete as `<@U123|alice>`, `<#C123|billing>` (sometimes with an
 * empty label) and `<!subteam^S123|@billing>`; raw ids are accepted too. A plain `@name` is kept
 * as a name for the caller to look up (a user group handle, when escaping is off).
 */
export type SlackMention = { kind: 'user'; id: string } | { kind: 'channel'; id: string } | { kind: 'usergroup'; id: string } | { kind: 'name'; name: string };

const ESCAPED_USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const ESCAPED_CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;
const ESCAPED_USERGROUP = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/;
// Raw ids: upper-case letters and digits, long enough never to be mistaken for a keyword.
const RAW_USER = /^[UW][A-Z0-9]{8,}$/;
const RAW_CHANNEL = /^[CG][A-Z0-9]{8,}$/;
const RAW_USERGROUP = /^S[A-Z0-9]{8,}$/;
const PLAIN_NAME = /^@([a-z0-9][a-z0-9._-]*)$/i;

export function parseSlackMention(word: string): SlackMention | undefined {
  const token = word.trim();
  const id = (escaped: RegExp, raw: RegExp) => escaped.exec(token)?.[1] ?? (raw.test(token) ? token : undefined);
  const user = id(ESCAPED_USER, RAW_USER);
  if (user) return { kind: 'user', id: user };
  const channel = id(ESCAPED_CHANNEL, RAW_CHANNEL);
  if (channel) return { kind: 'channel', id: channel };
  const usergroup = id(ESCAPED_USERGROUP, RAW_USERGROUP);
  if (usergroup) return { kind: 'usergroup', id: usergroup };
  const name = PLAIN_NAME.exec(token)?.[1];
  return name ? { kind: 'name', name } : undefined;
}

/** Words of a command, keeping Slack's `<…>` escapes whole, with where each one starts. */
export function splitCommandWords(text: string): Array<{ word: string; start: number; end: number }> {
  return [...text.matchAll(/<[^>]*>|\S+/g)].map((match) => ({ word: match[0], start: match.index, end: match.index + match[0].length }));
}

/** Slack escapes &, < and > in command text; links arrive as <url> or <url|label>. */
export function unescapeCommandText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
