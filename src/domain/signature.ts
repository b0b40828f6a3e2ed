/** Appends a personal signature such as "^AL" once, separated by a single space. */
export function applySignature(text: string, signature?: string): string {
  const mark = signature?.trim();
  const body = text.trimEnd();
  if (!mark || body.trim() === '' || isSignedWith(body, mark)) return body;
  return `${body} ${mark}`;
}

function isSignedWith(body: string, mark: string): boolean {
  if (!body.endsWith(mark)) return false;
  const before = body.slice(0, body.length - mark.length);
  return before === '' || /\s$/.test(before);
}
