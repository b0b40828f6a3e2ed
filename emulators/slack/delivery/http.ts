import { signedHeaders } from '../signing.js';
import type { DeliveryAttempt, JsonObject } from '../types.js';
import { type DeliveryOutcome, type EnvelopeType, type SendOptions, type Transport, sleep } from './transport.js';

/** Slack's own User-Agent on requests to apps. */
const USER_AGENT = 'Slackbot 1.0 (+https://api.slack.com/robots)';

/** Events are JSON; interactions are `payload=<json>`; slash commands are plain form fields. */
function encode(type: EnvelopeType, payload: JsonObject): { body: string; contentType: string } {
  if (type === 'events_api') return { body: JSON.stringify(payload), contentType: 'application/json' };
  if (type === 'interactive') {
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  const fields = Object.entries(payload).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Delivers to the app's Request URL with Slack's signature and retry headers. Several URLs stand
 * for replicas behind a load balancer: each request goes to the next in turn, and one that refuses
 * the connection (a replica that is down) is passed over for the next, as a load balancer does.
 */
export class HttpTransport implements Transport {
  readonly mode = 'http' as const;
  private readonly inFlight = new Set<AbortController>();
  private readonly shutdown = new AbortController();
  private requestUrls: string[];
  private nextUrl = 0;

  constructor(
    requestUrl: string | undefined,
    private readonly signingSecret: string,
    private readonly timings: { ackTimeoutMs: number; eventRetryDelaysMs: number[] },
  ) {
    this.requestUrls = requestUrl === undefined ? [] : [requestUrl];
  }

  setRequestUrl(url: string): void {
    this.requestUrls = [url];
  }

  setRequestUrls(urls: readonly string[]): void {
    this.requestUrls = [...urls];
  }

  async send(type: EnvelopeType, payload: JsonObject, options: SendOptions): Promise<DeliveryOutcome> {
    const { body, contentType } = encode(type, payload);
    const attempts: DeliveryAttempt[] = [];
    const retryDelays = options.retries ? this.timings.eventRetryDelaysMs : [];
    let last: { status?: number; body: unknown; retryReason?: string } = { body: null };
    for (let attempt = 0; attempt <= retryDelays.length && !this.shutdown.signal.aborted; attempt += 1) {
      if (attempt > 0) await sleep(retryDelays[attempt - 1] ?? 0, this.shutdown.signal);
      if (this.shutdown.signal.aborted) break;
      const started = Date.now();
      const headers: Record<string, string> = {
        'content-type': contentType,
        'user-agent': USER_AGENT,
        ...signedHeaders(options.signingSecret ?? this.signingSecret, body),
      };
      if (attempt > 0) {
        headers['x-slack-retry-num'] = String(attempt);
        headers['x-slack-retry-reason'] = last.retryReason ?? 'unknown_error';
      }
      const result = await this.post(body, headers);
      const record: DeliveryAttempt = { attempt, durationMs: Date.now() - started };
      if (result.status !== undefined) record.status = result.status;
      if (result.error !== undefined) record.error = result.error;
      if (attempt > 0) record.retryReason = last.retryReason ?? 'unknown_error';
      attempts.push(record);
      last = result;
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        return { acked: true, status: result.status, body: result.body, attempts };
      }
    }
    return { acked: false, ...(last.status !== undefined ? { status: last.status } : {}), body: last.body, attempts };
  }

  private async post(body: string, headers: Record<string, string>): Promise<{ status?: number; body: unknown; error?: string; retryReason?: string }> {
    if (this.requestUrls.length === 0) {
      return { body: null, error: 'no Request URL configured (call setRequestUrl)', retryReason: 'connection_failed' };
    }
    let result: { status?: number; body: unknown; error?: string; retryReason?: string; refused?: boolean } = { body: null };
    // Deliveries run concurrently: each walks the list from its own starting point, so it tries every URL once.
    const first = this.nextUrl++;
    for (let tried = 0; tried < this.requestUrls.length; tried += 1) {
      const url = this.requestUrls[(first + tried) % this.requestUrls.length]!;
      const { refused, ...outcome } = await this.postTo(url, body, headers);
      result = outcome;
      if (!refused) break;
    }
    return result;
  }

  private async postTo(
    requestUrl: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status?: number; body: unknown; error?: string; retryReason?: string; refused?: boolean }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.timings.ackTimeoutMs);
    try {
      const response = await fetch(requestUrl, { method: 'POST', headers, body, signal: controller.signal, redirect: 'manual' });
      const parsed = await readBody(response);
      const ok = response.status >= 200 && response.status < 300;
      return {
        status: response.status,
        body: parsed,
        ...(ok ? {} : { retryReason: response.status >= 300 && response.status < 400 ? 'too_many_redirects' : 'http_error' }),
      };
    } catch (error) {
      if (this.shutdown.signal.aborted) return { body: null, error: 'emulator closed' };
      if (controller.signal.aborted) return { body: null, error: `no response within ${this.timings.ackTimeoutMs} ms`, retryReason: 'http_timeout' };
      const refused = (error as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED';
      return {
        body: null,
        error: error instanceof Error ? String(error.cause instanceof Error ? error.cause : error.message) : String(error),
        retryReason: 'connection_failed',
        refused,
      };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    for (const controller of this.inFlight) controller.abort();
  }
}
