/** Metadata event type of a conversation's parent message in Slack; its payload is `{ id: <conversation id> }`. */
export const conversationEvent = 'earshot_conversation';
