import { checkPrivateData, type PrivateDataGuardOptions } from './private-data-guard.js';
import { measureReply } from './reply-length.js';

/** X usernames have at most 15 characters. */
const longestHandle = `@${'x'.repeat(15)}`;

/** The automatic public reply as posted: `@handle <text>`. */
export function outOfHoursReplyText(handle: string, reply: string): string {
  return `@${handle.replace(/^@/, '')} ${reply}`;
}

/**
 * Whether OUT_OF_HOURS_REPLY can always be posted: within X's limit whatever the customer's
 * handle, and free of anything the private-data guard refuses. Returns what is wrong, or undefined.
 */
export function outOfHoursReplyProblem(reply: string, guardOptions: PrivateDataGuardOptions): string | undefined {
  const length = measureReply(outOfHoursReplyText(longestHandle, reply));
  if (length.remaining < 0) {
    return `too long for an X reply: with the longest @handle (16 characters and a space) in front it counts ${length.weightedLength} of ${length.limit} characters as X counts them`;
  }
  if (!length.valid) return 'contains characters that X does not accept';
  const guard = checkPrivateData(reply, guardOptions);
  if (!guard.ok) {
    return `refused by the private-data guard: ${guard.findings.map((finding) => `${finding.match} (${finding.explanation})`).join(' ')}`;
  }
  return undefined;
}
