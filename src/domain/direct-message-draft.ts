import type { NetworkWithDirectMessages } from '../channels/network.js';
import { applySignature } from './signature.js';

export type PreparedDirectMessage = { ok: true; finalText: string; length: number } | { ok: false; error: string; problem: 'empty' | 'too_long' };

/**
 * Validates a direct message as it will be sent: signed, within its network's limit. DMs are
 * where account details belong, so there is no private-data guard.
 */
export function prepareDirectMessage(input: { network: NetworkWithDirectMessages; text: string; signature?: string | undefined }): PreparedDirectMessage {
  const text = input.text.trim();
  if (text.replace(/^(?:@\w+\s*)*/, '') === '') return { ok: false, error: 'Write the direct message before sending it.', problem: 'empty' };
  const finalText = applySignature(text, input.signature);
  const { name, directMessages } = input.network;
  const length = directMessages.measure(finalText);
  if (length > directMessages.limit) {
    const over = length - directMessages.limit;
    return {
      ok: false,
      error: `${over} ${over === 1 ? 'character' : 'characters'} over ${name}'s ${directMessages.limit.toLocaleString('en-US')}-character limit for direct messages. Shorten it.`,
      problem: 'too_long',
    };
  }
  return { ok: true, finalText, length };
}
