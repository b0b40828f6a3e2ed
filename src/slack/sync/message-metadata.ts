/** A message as conversations.history/replies return it with `include_all_metadata`. */
interface MessageWithMetadata {
  metadata?: { event_type?: string; event_payload?: unknown };
}

/** Whether Earshot posted this message for that event and record (its metadata names both). */
export function carriesEarshotMetadata(message: MessageWithMetadata, eventType: string, id: string): boolean {
  const payload = message.metadata?.event_payload;
  return message.metadata?.event_type === eventType && typeof payload === 'object' && payload !== null && 'id' in payload && payload.id === id;
}
