import type { WebhookHandler } from '../../ingest/webhooks/webhook-handler.js';
import { metaNotificationSchema, summariseMetaNotification } from './meta-notification.js';
import { verifyMetaSignature } from './meta-signature.js';
import { answerMetaSubscription } from './meta-subscription.js';

export interface MetaWebhookSettings {
  /** META_APP_SECRET: what Meta signs its notifications with. */
  readonly appSecret: string;
  /** META_VERIFY_TOKEN: what Meta sends when it checks the callback URL. */
  readonly verifyToken: string;
}

/**
 * `/webhooks/meta`: Facebook Page and Instagram notifications. Until the Facebook and Instagram
 * adapters read them, a delivery is only checked against the envelope's schema and logged as counts.
 */
export function createMetaWebhookHandler(settings: MetaWebhookSettings): WebhookHandler {
  return {
    network: 'meta',
    keptHeaders: ['x-hub-signature-256', 'content-type', 'user-agent'],
    verify: ({ headers, rawBody }) => verifyMetaSignature(rawBody, headers['x-hub-signature-256'], settings.appSecret),
    handshake: (query) => answerMetaSubscription(query, settings.verifyToken),
    async process(delivery, { logger }) {
      const parsed = metaNotificationSchema.safeParse(JSON.parse(delivery.body));
      if (!parsed.success) {
        // Retrying would not change the body: set aside, with where it differs (paths, never values).
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`);
        logger.warn({ problems }, 'a Meta webhook delivery is not a notification Earshot knows; set aside');
        return;
      }
      logger.info(summariseMetaNotification(parsed.data), 'Meta notification received');
    },
  };
}
