import type { types } from '@slack/bolt';

/** A chat.postMessage / chat.update body: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}
