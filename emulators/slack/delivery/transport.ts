import type { DeliveryAttempt, JsonObject } from '../types.js';

/** Socket Mode envelope types; over HTTP they decide the body encoding. */
export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface SendOptions {
  /** Events are retried (up to 3 times) when the app does not acknowledge; interactions are not. */
  retries: boolean;
  /** Sign with this secret instead of the app's (to prove the app rejects forged requests). */
  signingSecret?: string;
}

export interface DeliveryOutcome {
  acked: boolean;
  /** HTTP status of the last attempt (HTTP mode). */
  status?: number;
  /** What the app answered: parsed JSON, text, or null for an empty body / empty ack payload. */
  body: unknown;
  attempts: DeliveryAttempt[];
}

export interface Transport {
  readonly mode: 'http' | 'socket';
  send(type: EnvelopeType, payload: JsonObject, options: SendOptions): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

/** Waits between retries; resolves early when the emulator shuts down. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
