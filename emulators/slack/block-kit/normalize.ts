import { isObject } from './checks.js';
import { isInteractive } from './elements.js';
import type { JsonObject } from '../types.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Slack's generated ids look like "Xf3a" (block_id) or "aB9=c" (action_id): short random strings. */
function generatedId(counter: number, length: number): string {
  let n = counter * 2654435761;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length) + 7 * (i + 1);
  }
  return out;
}

function elementsOf(block: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  if (isObject(block.accessory)) found.push(block.accessory);
  if (isObject(block.element)) found.push(block.element);
  if (block.type === 'actions' && Array.isArray(block.elements)) {
    for (const el of block.elements) if (isObject(el)) found.push(el);
  }
  return found;
}

/**
 * Like Slack, stores blocks with a block_id on every block and an action_id on every interactive
 * element, generating the missing ones, so that interactions can refer to them.
 */
export function normalizeBlocks(blocks: JsonObject[], nextCounter: () => number): JsonObject[] {
  const copy = structuredClone(blocks);
  for (const block of copy) {
    if (typeof block.block_id !== 'string') block.block_id = generatedId(nextCounter(), 4);
    for (const element of elementsOf(block)) {
      if (typeof element.type === 'string' && isInteractive(element.type) && typeof element.action_id !== 'string') {
        element.action_id = generatedId(nextCounter(), 5);
      }
    }
  }
  return copy;
}
