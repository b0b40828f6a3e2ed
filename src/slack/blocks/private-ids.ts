/** Identifiers of the "Take private" modal and of direct-message notices in threads. */
export const PRIVATE_ACTION_IDS = {
  publicText: 'private_public_text',
  directMessageText: 'private_dm_text',
  retry: 'private_retry',
} as const;

export const PRIVATE_BLOCK_IDS = {
  publicText: 'private_public',
  directMessageText: 'private_dm',
} as const;

export const PRIVATE_CALLBACK_IDS = {
  takePrivateSubmit: 'private_submit',
} as const;
