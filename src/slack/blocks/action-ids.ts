/** Identifiers shared by the Block Kit views and the listeners that handle them. */
export const ACTION_IDS = {
  replyOpen: 'reply_open',
  assignOpen: 'assign_open',
  privateOpen: 'private_open',
  resolve: 'resolve',
  reopen: 'reopen',
  conversationOverflow: 'conversation_overflow',
  replyTextInput: 'reply_text_input',
  savedReplySelect: 'saved_reply_select',
  replyRetry: 'reply_retry',
  takeConversation: 'take_conversation',
  assignUser: 'assign_user',
  assignTeam: 'assign_team',
  assignNote: 'assign_note',
  homeTake: 'home_take',
  homeResolve: 'home_resolve',
  homeOpenThread: 'home_open_thread',
  surgeOpenThread: 'surge_open_thread',
  draftApprove: 'draft_approve',
  draftEdit: 'draft_edit',
  draftReject: 'draft_reject',
  draftRetry: 'draft_retry',
  draftRejectReason: 'draft_reject_reason',
} as const;

export const BLOCK_IDS = {
  replyText: 'reply_text',
  conversationActions: 'conversation_actions',
} as const;

export const CALLBACK_IDS = {
  replySubmit: 'reply_submit',
  assignSubmit: 'assign_submit',
  draftRejectSubmit: 'draft_reject_submit',
} as const;
