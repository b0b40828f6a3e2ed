import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Field names whose values are secrets wherever they appear in a logged object. */
const redactedPaths = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'accessToken',
  'accessSecret',
  'apiSecret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.accessToken',
  '*.accessSecret',
  '*.apiSecret',
  '*.password',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'headers.authorization',
  'headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level: string;
  /** Exact secret values (tokens, secrets) that must never reach the output, even inside messages. */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

export function createLogger({ level, secrets = [], destination = pino.destination(1) }: LoggerOptions): Logger {
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'earshot' } },
    secrets.length > 0 ? scrubbingStream(destination, secrets) : destination,
  );
}

/**
 * Path-based redaction cannot see a token that a library interpolated into a message string, so
 * every line is also scrubbed of the configured secret values before it is written.
 */
function scrubbingStream(destination: DestinationStream, secrets: readonly string[]): DestinationStream {
  const pattern = new RegExp(secrets.map(escapeRegExp).join('|'), 'g');
  return { write: (line: string) => destination.write(line.replace(pattern, '[redacted]')) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A child logger carrying a correlation id, for one Slack request, job or poll. */
export function withCorrelation(logger: Logger, kind: string, id: string = randomUUID()): Logger {
  return logger.child({ [kind]: id });
}
