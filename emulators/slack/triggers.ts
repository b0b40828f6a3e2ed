import { newTriggerId } from './ids.js';

export type TriggerCheck = { ok: true; userId: string } | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

/** trigger_ids handed out with interactions: valid for a few seconds, usable once (views.open / views.push). */
export class TriggerRegistry {
  private readonly issued = new Map<string, { userId: string; expiresAt: number; used: boolean }>();

  constructor(
    private readonly teamNumber: string,
    private readonly ttlMs: number,
  ) {}

  issue(userId: string): string {
    const id = newTriggerId(this.teamNumber);
    this.issued.set(id, { userId, expiresAt: Date.now() + this.ttlMs, used: false });
    return id;
  }

  consume(triggerId: string): TriggerCheck {
    const entry = this.issued.get(triggerId);
    if (!entry) return { ok: false, error: 'invalid_trigger_id' };
    if (entry.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() > entry.expiresAt) return { ok: false, error: 'expired_trigger_id' };
    entry.used = true;
    return { ok: true, userId: entry.userId };
  }
}
