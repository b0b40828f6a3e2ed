import { applySignature } from './signature.js';

/** X's limit on the text of one direct message (characters). */
export const X_DM_LIMIT = 10_000;

export type PreparedDirectMessage = { ok: true; finalText: string; length: number } | { ok: false; error: string; problem: 'empty' | 'too_long' };

/**
 * Validates a direct message as it will be sent: signed, within X's 10,000 characters. DMs are
 * where account details belong, so there is no private-data guard.
 */
export function prepareDirectMessage(input: { text: string; signature?: string | undefined }): PreparedDirectMessage {
  const text = input.text.trim();
  if (text.replace(/^(?:@\w+\s*)*/, '') === '') return { ok: false, error: 'Write the direct message before sending it.', problem: 'empty' };
  const finalText = applySignature(text, input.signature);
  const length = measureDirectMessage(finalText);
  if (length > X_DM_LIMIT) {
    const over = length - X_DM_LIMIT;
    return {
      ok: false,
      error: `${over} ${over === 1 ? 'character' : 'characters'} over X's ${X_DM_LIMIT.toLocaleString('en-US')}-character limit for direct messages. Shorten it.`,
      problem: 'too_long',
    };
  }
  return { ok: true, finalText, length };
}

/** X counts a DM's length in characters (code points). */
export function measureDirectMessage(text: string): number {
  return Array.from(text).length;
}
