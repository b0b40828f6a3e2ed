/**
 * Numeric ids shaped like Meta's: each family has its own leading digits and width (Pages have 15
 * digits, Instagram professional accounts start 17841…), and all come from one counter, so no two
 * objects ever share an id and a later object always has a larger sequence number.
 */
export class IdFactory {
  private counter = 0;

  /** Creation order across every object of the emulator; lists sort by it. */
  nextSeq(): number {
    this.counter += 1;
    return this.counter;
  }

  private numeric(prefix: string, width: number): string {
    return prefix + String(this.nextSeq()).padStart(width - prefix.length, '0');
  }

  page = (): string => this.numeric('108', 15);
  /** Second half of a post id (`{page-id}_{post}`) and of a comment id (`{post}_{comment}`). */
  objectSuffix = (): string => this.numeric('10', 16);
  /** The id a Facebook user has in a Page's comments (`from.id`). */
  facebookUser = (): string => this.numeric('3', 16);
  /** Page-scoped id: who a Page talks to in Messenger; differs from the id in comments. */
  psid = (): string => this.numeric('7', 16);
  instagramAccount = (): string => this.numeric('17841', 17);
  /** Instagram-scoped user id: the same id in comments (`from.id`) and in DMs. */
  igsid = (): string => this.numeric('6', 16);
  igMedia = (): string => this.numeric('179', 17);
  igComment = (): string => this.numeric('178', 17);
  messengerMid = (): string => `m_${Buffer.from(`mid.${this.nextSeq()}`).toString('base64url')}`;
  instagramMid = (account: string): string => Buffer.from(`ig_message_item:1:IGMessageThread:${account}:${this.nextSeq()}`).toString('base64url');
}

/** Graph's timestamp format: `2019-05-17T16:24:04+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Unix seconds, as webhook `created_time` and change-entry `time` carry them. */
export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
