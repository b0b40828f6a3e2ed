/** take: assign to me; unassign; ignore: mark the author as spam; not_spam: undo that. */
export const OVERFLOW_CHOICES = ['take', 'unassign', 'ignore', 'not_spam'] as const;
export type OverflowChoice = (typeof OVERFLOW_CHOICES)[number];

// Overflow option values must differ from each other, so each carries its choice and the conversation id.
export function encodeOverflowValue(choice: OverflowChoice, conversationId: string): string {
  return `${choice}:${conversationId}`;
}

export function parseOverflowValue(value: string): { choice: OverflowChoice; conversationId: string } | null {
  const separator = value.indexOf(':');
  const choice = OVERFLOW_CHOICES.find((known) => known === value.slice(0, separator));
  const conversationId = value.slice(separator + 1);
  return separator > 0 && choice && conversationId !== '' ? { choice, conversationId } : null;
}
