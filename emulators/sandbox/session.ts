import type { Sandbox } from './start-sandbox.js';

/** Who the person at the keyboard is on each side, and where output goes. */
export interface Session {
  readonly sandbox: Sandbox;
  /** The current customer's X handle, without "@". */
  customer: string;
  /** The current Slack user's name (alice, bob, …). */
  slackUser: string;
  print(...lines: string[]): void;
}

export interface Command {
  name: string;
  /** How its arguments are written, for help and usage errors. */
  args: string;
  summary: string;
  run(args: string, session: Session): Promise<void>;
}

/** A mistake in what was typed: shown with the command's usage, never as a stack trace. */
export class UsageError extends Error {}

/** "12 text…" → ["12", "text…"]. */
export function splitFirst(args: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  return match ? [match[1] ?? '', match[2] ?? ''] : ['', ''];
}

export function required(text: string, what: string): string {
  if (text.trim() === '') throw new UsageError(`say ${what}`);
  return text.trim();
}
