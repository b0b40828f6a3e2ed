import { Counter, type Registry } from 'prom-client';

/** Why a webhook request was not acknowledged. */
export type WebhookRefusal = 'unsigned' | 'forged' | 'too_large' | 'bad_json' | 'not_stored';

/** Webhook deliveries received, refused and processed, by network. */
export interface WebhookMetrics {
  readonly received: (network: string, outcome: 'stored' | 'duplicate') => void;
  readonly refused: (network: string, reason: WebhookRefusal) => void;
  readonly processed: (network: string, outcome: 'processed' | 'failed') => void;
}

export function createWebhookMetrics(registry: Registry): WebhookMetrics {
  const received = new Counter({
    name: 'earshot_webhook_deliveries_received_total',
    help: 'Webhook deliveries acknowledged, by network: stored, or a retry of one already stored (duplicate)',
    labelNames: ['network', 'outcome'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'earshot_webhook_deliveries_refused_total',
    help: 'Webhook requests refused, by network and reason (unsigned, forged, too_large, bad_json, not_stored)',
    labelNames: ['network', 'reason'],
    registers: [registry],
  });
  const processed = new Counter({
    name: 'earshot_webhook_deliveries_processed_total',
    help: 'Attempts at processing a stored webhook delivery, by network and outcome (failed ones are retried)',
    labelNames: ['network', 'outcome'],
    registers: [registry],
  });
  return {
    received: (network, outcome) => received.inc({ network, outcome }),
    refused: (network, reason) => refused.inc({ network, reason }),
    processed: (network, outcome) => processed.inc({ network, outcome }),
  };
}
