import { createHash } from 'node:crypto';
import type { SlackMessage } from '../blocks/slack-message.js';

/** A fingerprint of what a Slack message shows, so it is updated only when that changes. */
export function digestOf(message: SlackMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex');
}
