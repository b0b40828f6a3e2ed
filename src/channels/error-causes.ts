/**
 * The codes and names along an error's causes (fetch wraps the socket's error, a client library may
 * wrap fetch's), so a timeout or a refused connection is recognised however deep it sits. Names
 * that say nothing (`Error`, `TypeError`, a library's own wrapper in `uninformative`) are left out.
 */
export function errorCauseText(error: unknown, uninformative: readonly string[] = []): string {
  const skipped = new Set(['Error', 'TypeError', ...uninformative]);
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') found.push(code);
    if (typeof name === 'string' && !skipped.has(name)) found.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return [...new Set(found)].join(', ');
}
