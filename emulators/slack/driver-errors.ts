import type { DeliveryOutcome } from './delivery/transport.js';

/** The person cannot do that in Slack (no such button, modal not open, required input empty, …). */
export class SlackDriverError extends Error {
  override name = 'SlackDriverError';
}

/**
 * The app did not acknowledge an interaction or command in time (or answered non-2xx); in Slack
 * the person sees an error. `outcome` holds the status and every attempt.
 */
export class AppResponseError extends Error {
  override name = 'AppResponseError';

  constructor(
    message: string,
    readonly outcome: DeliveryOutcome,
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.outcome.status;
  }
}
