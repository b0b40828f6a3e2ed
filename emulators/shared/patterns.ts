const escapeLiteral = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** `*` matches any run of characters; everything else matches literally. */
export function compileWildcardPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeLiteral).join('.*')}$`);
}

/** `:name` matches one path segment, `*` anything; the rest matches literally. */
export function compilePathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.split('*').map(escapeLiteral).join('.*')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Whether an HTTP method filter (undefined or `*`: any) admits `actual`. */
export const matchesMethod = (wanted: string | undefined, actual: string): boolean =>
  wanted === undefined || wanted === '*' || wanted.toUpperCase() === actual.toUpperCase();
