import type { Network } from '../channels/network.js';
import { checkPrivateData, type PrivateDataGuardOptions } from './private-data-guard.js';

/** The automatic public reply as posted: `@handle <text>`. */
export function outOfHoursReplyText(handle: string, reply: string): string {
  return `@${handle.replace(/^@/, '')} ${reply}`;
}

/**
 * Whether OUT_OF_HOURS_REPLY can always be posted: within every network's limit whatever the
 * customer's handle, and free of anything the private-data guard refuses. Returns what is wrong, or undefined.
 */
export function outOfHoursReplyProblem(reply: string, guardOptions: PrivateDataGuardOptions, networks: readonly Network[]): string | undefined {
  for (const network of networks) {
    const longestHandle = 'x'.repeat(network.maxHandleLength);
    const length = network.measureReply(outOfHoursReplyText(longestHandle, reply));
    if (length.remaining < 0) {
      return `too long for a reply on ${network.name}: with the longest @handle (${network.maxHandleLength + 1} characters and a space) in front it counts ${length.used} of ${length.limit} characters as ${network.name} counts them`;
    }
    if (!length.valid) return `contains characters that ${network.name} does not accept`;
  }
  const guard = checkPrivateData(reply, guardOptions);
  if (!guard.ok) {
    return `refused by the private-data guard: ${guard.findings.map((finding) => `${finding.match} (${finding.explanation})`).join(' ')}`;
  }
  return undefined;
}
