import type { JsonObject } from '../types.js';

/** Thrown by a method to answer `{ ok: false, error, ...extra }` with HTTP 200, as Slack does. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: JsonObject = {},
  ) {
    super(error);
  }
}

/** Slack's answer for malformed arguments: a generic code plus "[ERROR] …" messages. */
export function invalidArguments(messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/** invalid_blocks carries the reasons both in `errors` and in response_metadata.messages. */
export function invalidBlocks(errors: string[]): SlackApiError {
  return new SlackApiError('invalid_blocks', { errors, response_metadata: { messages: errors.map((m) => `[ERROR] ${m}`) } });
}
