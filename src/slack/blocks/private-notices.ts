/** Why "Send publicly" does nothing on a private conversation, and what to do instead. */
export function privateConversationRefusal(handle: string): string {
  const who = `@${handle.replace(/^@/, '')}`;
  return `🔒 This conversation with ${who} is private, so nothing from it is posted publicly. Use the Reply button on the conversation: it sends your message to ${who} as a direct message.`;
}

export function alreadyPrivateNotice(handle: string): string {
  return `🔒 The conversation with @${handle.replace(/^@/, '')} is already private: use Reply to send a direct message.`;
}
