/**
 * A Slack message's text as a person reads it, for posting elsewhere: Slack writes links as
 * `<https://…|label>`, people as `<@U…|name>`, channels as `<#C…|name>`, and escapes &, < and >.
 * Special mentions (`<!here>`) and mentions Slack gave no name for are dropped: they mean nothing on a social network.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return label ? `@${label}` : '';
      if (target.startsWith('#')) return label ? `#${label}` : '';
      if (target.startsWith('!')) return '';
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
