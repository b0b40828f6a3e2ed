import { encodeLikeMeta, signatureHeaders } from './encode.js';
import type { WebhookEntry, WebhookObject } from './payloads.js';

export interface DeliverySettings {
  /** The app's callback URL; without one nothing is sent (the deliveries are recorded as dropped). */
  url: string | undefined;
  appSecret: string;
  /** Wait before each retry of a failed delivery (non-2xx, timeout, refused); its length is the number of retries. */
  retryDelaysMs: number[];
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
  /** How long entries gather before they leave together (0: those announced in the same tick). */
  batchWindowMs: number;
}

export interface DeliveryAttempt {
  attempt: number;
  /** Emulator clock time of the attempt. */
  at: string;
  status?: number;
  error?: string;
}

/**
 * `sending` / `retrying`: under way. `delivered`: a 2xx arrived. `failed`: every retry failed.
 * `queued`: held by a pause in queue mode until resumeDeliveries. `dropped`: never sent (a pause
 * in drop mode, or no callback URL), as when Meta gives up.
 */
export type DeliveryState = 'sending' | 'retrying' | 'delivered' | 'failed' | 'queued' | 'dropped';

export interface DeliveryRecord {
  id: string;
  object: WebhookObject;
  state: DeliveryState;
  /** The exact bytes sent and signed. */
  body: string;
  payload: { object: WebhookObject; entry: Record<string, unknown>[] };
  createdAt: string;
  attempts: DeliveryAttempt[];
  /** Why a delivery was dropped. */
  reason?: string;
}

/** Meta batches up to 1000 entries in one notification. */
const MAX_ENTRIES = 1000;
/** Meta's user agent on webhook requests. */
const USER_AGENT = 'facebookexternalua';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * Sends notifications to the callback URL as Meta does: entries announced together leave in one
 * signed POST per object (`page`, `instagram`) and kind (changes, messaging), a failed delivery is retried on the configured
 * schedule, and a pause holds (queue) or loses (drop) what would have been sent meanwhile.
 */
export class WebhookDispatcher {
  /** Entries waiting to leave, by object and kind: `changes` and `messaging` entries never share a notification. */
  private buffer = new Map<string, { object: WebhookObject; entries: Record<string, unknown>[] }>();
  private flushTimer: NodeJS.Timeout | undefined;
  private records: DeliveryRecord[] = [];
  private held: DeliveryRecord[] = [];
  private pauseMode: 'queue' | 'drop' | undefined;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly shutdown = new AbortController();
  /** Aborted when a pause starts, so deliveries waiting to retry are held or dropped at once. */
  private wake = new AbortController();
  private counter = 0;

  constructor(
    readonly settings: DeliverySettings,
    private readonly now: () => number,
  ) {}

  announce({ object, entry }: WebhookEntry): void {
    const key = `${object} ${'messaging' in entry ? 'messaging' : 'changes'}`;
    const batch = this.buffer.get(key) ?? { object, entries: [] };
    batch.entries.push(entry);
    this.buffer.set(key, batch);
    this.flushTimer ??= setTimeout(() => this.flush(), this.settings.batchWindowMs);
  }

  pause(mode: 'queue' | 'drop'): void {
    this.pauseMode = mode;
    this.wake.abort();
    this.wake = new AbortController();
  }

  resume(): void {
    this.pauseMode = undefined;
    const held = this.held;
    this.held = [];
    for (const record of held) void this.send(record);
  }

  get paused(): 'queue' | 'drop' | undefined {
    return this.pauseMode;
  }

  list(): DeliveryRecord[] {
    return structuredClone(this.records);
  }

  /** Resolves once nothing is gathering, sending or waiting to retry (held deliveries wait for resume). */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.buffer.clear();
    this.records = [];
    this.held = [];
    this.pauseMode = undefined;
    this.notifyIfIdle();
  }

  close(): void {
    this.shutdown.abort();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.buffer.clear();
    this.notifyIfIdle();
  }

  private idle(): boolean {
    return this.flushTimer === undefined && this.inFlight === 0;
  }

  private notifyIfIdle(): void {
    if (!this.idle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private flush(): void {
    this.flushTimer = undefined;
    for (const { object, entries } of this.buffer.values()) {
      for (let start = 0; start < entries.length; start += MAX_ENTRIES) {
        const payload = { object, entry: entries.slice(start, start + MAX_ENTRIES) };
        this.counter += 1;
        const record: DeliveryRecord = {
          id: String(this.counter),
          object,
          state: 'sending',
          body: encodeLikeMeta({ entry: payload.entry, object }),
          payload,
          createdAt: new Date(this.now()).toISOString(),
          attempts: [],
        };
        this.records.push(record);
        this.dispatch(record);
      }
    }
    this.buffer.clear();
    this.notifyIfIdle();
  }

  private dispatch(record: DeliveryRecord): void {
    if (this.settings.url === undefined) return this.drop(record, 'no callback URL is subscribed');
    if (this.pauseMode === 'drop') return this.drop(record, 'deliveries were paused in drop mode');
    if (this.pauseMode === 'queue') return this.hold(record);
    void this.send(record);
  }

  private drop(record: DeliveryRecord, reason: string): void {
    record.state = 'dropped';
    record.reason = reason;
  }

  private hold(record: DeliveryRecord): void {
    record.state = 'queued';
    this.held.push(record);
  }

  private async send(record: DeliveryRecord): Promise<void> {
    this.inFlight += 1;
    try {
      for (;;) {
        record.state = 'sending';
        if (await this.attempt(record)) {
          record.state = 'delivered';
          return;
        }
        const delay = this.settings.retryDelaysMs[record.attempts.length - 1];
        if (delay === undefined) {
          record.state = 'failed';
          return;
        }
        record.state = 'retrying';
        await sleep(delay, AbortSignal.any([this.shutdown.signal, this.wake.signal]));
        if (this.shutdown.signal.aborted) return;
        if (this.pauseMode === 'drop') return this.drop(record, 'deliveries were paused in drop mode');
        if (this.pauseMode === 'queue') return this.hold(record);
      }
    } finally {
      this.inFlight -= 1;
      this.notifyIfIdle();
    }
  }

  private async attempt(record: DeliveryRecord): Promise<boolean> {
    const base = { attempt: record.attempts.length + 1, at: new Date(this.now()).toISOString() };
    const url = this.settings.url;
    if (url === undefined) {
      record.attempts.push({ ...base, error: 'no callback URL is subscribed' });
      return false;
    }
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signatureHeaders(this.settings.appSecret, record.body) },
        body: record.body,
        signal: AbortSignal.any([timeout, this.shutdown.signal]),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      record.attempts.push({ ...base, status: response.status });
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      const reason = timeout.aborted
        ? `no response within ${this.settings.timeoutMs} ms`
        : this.shutdown.signal.aborted
          ? 'emulator closed'
          : String((error as { cause?: unknown }).cause ?? error);
      record.attempts.push({ ...base, error: reason });
      return false;
    }
  }
}
