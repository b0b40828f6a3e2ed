import type { ParsedConversationRef } from '../../../domain/conversation-ref.js';
import type { CommandContext } from './command-context.js';

/**
 * The reference with the post named by the id it is stored under: a pasted link may name the author
 * by a name the network must first look up. When it cannot, the link's own id is looked for.
 */
export async function storedPostRef(ref: ParsedConversationRef, ctx: CommandContext): Promise<ParsedConversationRef> {
  const channel = ref.kind === 'post' ? ctx.services.channels?.get(ref.network) : undefined;
  if (ref.kind !== 'post' || !channel?.storedPostId) return ref;
  try {
    return { ...ref, postId: await channel.storedPostId(ref.postId) };
  } catch (error) {
    ctx.logger.warn({ err: error, postId: ref.postId }, `could not look up on ${channel.network.name} which post a link names`);
    return ref;
  }
}
