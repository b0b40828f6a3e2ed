import type { EventDispatcher } from './events.js';
import type { Faults } from './faults.js';
import type { IdFactory, TsClock } from './ids.js';
import type { RateLimiter } from './rate-limits.js';
import type { ResponseUrlRegistry } from './response-urls.js';
import type { SlackState } from './state.js';
import type { TriggerRegistry } from './triggers.js';
import type { AppIdentity } from './workspace.js';

export interface EmulatorSecrets {
  botToken: string;
  appToken: string;
  signingSecret: string;
  /** The legacy verification token Slack still puts in every payload's `token` field. */
  verificationToken: string;
}

/** Everything the Web API methods, the event dispatcher and the driver share. */
export interface EmulatorCore {
  readonly state: SlackState;
  readonly app: AppIdentity;
  readonly secrets: EmulatorSecrets;
  readonly ids: IdFactory;
  readonly clock: TsClock;
  readonly triggers: TriggerRegistry;
  readonly responseUrls: ResponseUrlRegistry;
  readonly faults: Faults;
  readonly rateLimiter: RateLimiter;
  readonly events: EventDispatcher;
  /** http://127.0.0.1:PORT, known once the server listens. */
  baseUrl(): string;
  /** A single-use Socket Mode URL (apps.connections.open). */
  issueSocketUrl(): string;
}
