import type { Platform } from '../../generated/prisma/enums.js';
import type { IngestPushedPosts, WebhookHandler } from '../../ingest/webhooks/webhook-handler.js';
import type { Logger } from '../../log/create-logger.js';
import type { SocialPost } from '../social-channel.js';
import { toSocialPost as facebookPost, type FacebookChannel } from './facebook-channel.js';
import { MetaCommentGoneError } from './graph-errors.js';
import { toSocialPost as instagramPost, type InstagramChannel } from './instagram-channel.js';
import { readMetaChanges, type MetaCommentChange } from './meta-changes.js';
import { metaNotificationSchema, summariseMetaNotification } from './meta-notification.js';
import { verifyMetaSignature } from './meta-signature.js';
import { answerMetaSubscription } from './meta-subscription.js';

export interface MetaWebhookSettings {
  /** META_APP_SECRET: what Meta signs its notifications with. */
  readonly appSecret: string;
  /** META_VERIFY_TOKEN: what Meta sends when it checks the callback URL. */
  readonly verifyToken: string;
}

export interface MetaWebhookChannels {
  /** Present when the Page is watched. */
  facebook?: FacebookChannel | undefined;
  /** Present when the Instagram account is watched. */
  instagram?: InstagramChannel | undefined;
  /** Stores the comments as posts of their network (the poll's path: each post once, whoever brings it). */
  ingest: IngestPushedPosts;
}

/**
 * `/webhooks/meta`: Facebook Page and Instagram notifications. New comments (and the brand's own,
 * recognised as such) go through the same ingestion as polled posts; a comment the notification
 * only names is read from Graph. What cannot be read is logged and set aside.
 */
export function createMetaWebhookHandler(settings: MetaWebhookSettings, channels: MetaWebhookChannels): WebhookHandler {
  return {
    network: 'meta',
    keptHeaders: ['x-hub-signature-256', 'content-type', 'user-agent'],
    verify: ({ headers, rawBody }) => verifyMetaSignature(rawBody, headers['x-hub-signature-256'], settings.appSecret),
    handshake: (query) => answerMetaSubscription(query, settings.verifyToken),
    async process(delivery, { logger }) {
      const body: unknown = JSON.parse(delivery.body);
      const envelope = metaNotificationSchema.safeParse(body);
      if (!envelope.success) {
        // Retrying would not change the body: set aside, with where it differs (paths, never values).
        const problems = envelope.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`);
        logger.warn({ problems }, 'a Meta webhook delivery is not a notification Earshot knows; set aside');
        return;
      }
      logger.info(summariseMetaNotification(envelope.data), 'Meta notification received');
      const read = readMetaChanges(body);
      if (read.problems.length > 0) logger.warn({ problems: read.problems }, 'parts of a Meta notification are not shaped as Meta documents; set aside');
      const posts = new Map<Platform, SocialPost[]>();
      for (const change of read.comments) {
        const post = await readPost(change, channels, logger);
        if (post) posts.set(post.platform, [...(posts.get(post.platform) ?? []), post.post]);
      }
      for (const [platform, found] of posts) await channels.ingest(platform, found);
    },
  };
}

async function readPost(
  change: MetaCommentChange,
  channels: MetaWebhookChannels,
  logger: Logger,
): Promise<{ platform: Platform; post: SocialPost } | undefined> {
  const { facebook, instagram } = channels;
  const channel = change.network === 'facebook' ? facebook : instagram;
  if (!channel) {
    logger.info({ network: change.network }, 'a Meta notification names a network Earshot does not watch; skipped');
    return undefined;
  }
  if (change.ownerId !== channel.ownerId) {
    logger.warn({ network: change.network }, 'a Meta notification is for another Page or account than the watched one; skipped');
    return undefined;
  }
  try {
    if (change.network === 'facebook' && facebook) {
      return { platform: 'facebook', post: change.comment ? facebookPost(change.comment) : await facebook.readComment(change.commentId) };
    }
    if (change.network === 'instagram' && instagram) {
      return { platform: 'instagram', post: change.comment ? instagramPost(change.comment) : await instagram.readComment(change.commentId) };
    }
    if (change.network === 'instagram-mention' && instagram) return { platform: 'instagram', post: await instagram.readMention(change.commentId) };
    return undefined;
  } catch (error) {
    // Deleted (or hidden) since Meta sent the notification: nothing left to bring into Slack.
    if (error instanceof MetaCommentGoneError) return undefined;
    throw error;
  }
}
