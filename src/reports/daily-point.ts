/** One day of a report: what came in and how fast the first reply went out. */
export interface DailyPoint {
  /** The calendar day, `YYYY-MM-DD`. */
  day: string;
  /** Conversations that started (mentions that came in) that day. */
  inbound: number;
  /** Median time to first response of that day's conversations, in seconds; null when none was answered. */
  medianFirstResponseSeconds: number | null;
}
