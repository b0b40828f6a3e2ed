import { randomBytes } from 'node:crypto';

/** Slack object ID prefixes: team, user, bot, app, channel, DM, multi-person DM, view, usergroup, file, event. */
export type IdPrefix = 'T' | 'U' | 'B' | 'A' | 'C' | 'D' | 'G' | 'V' | 'S' | 'F' | 'Ev';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Deterministic, Slack-shaped IDs (prefix + 10 upper-case alphanumerics) so that test output is
 * stable from run to run while still looking like the real thing.
 */
export class IdFactory {
  private readonly counters = new Map<IdPrefix, number>();
  private sequenceValue = 0;

  /** A plain increasing number, for ids Slack generates without a prefix (block_id, action_id). */
  sequence(): number {
    this.sequenceValue += 1;
    return this.sequenceValue;
  }

  next(prefix: IdPrefix): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    // Multiplying by a constant coprime with 34^10 is a bijection, so IDs never collide but do not look sequential.
    let rest = (BigInt(n) * 2654435761n) % 34n ** 10n;
    let body = '';
    for (let i = 0; i < 10; i += 1) {
      body = ALPHABET[Number(rest % 34n)] + body;
      rest /= 34n;
    }
    return `${prefix}${body}`;
  }
}

/** Message timestamps: "<unix seconds>.<6 digits>", strictly increasing within one emulator. */
export class TsClock {
  private lastMicros = 0;

  next(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    return tsFromMicros(micros);
  }
}

function tsFromMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${seconds}.${fraction}`;
}

export function randomSecret(bytes = 12): string {
  return randomBytes(bytes).toString('hex');
}

/** Slack's trigger_id shape: "<ts>.<team number>.<hex digest>". */
export function newTriggerId(teamNumber: string): string {
  return `${(Date.now() / 1000).toFixed(6)}.${teamNumber}.${randomSecret(16)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
