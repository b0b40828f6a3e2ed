/**
 * How long the customer has been waiting for the team, the one definition every list uses: since
 * their earliest post after the team's latest reply (`waitingSince`, kept by the database); not
 * waiting at all once the team has answered. Undefined when nobody is waiting.
 */
export function customerWaitMs(conversation: { waitingSince: Date | null }, now: Date): number | undefined {
  return conversation.waitingSince ? Math.max(0, now.getTime() - conversation.waitingSince.getTime()) : undefined;
}
