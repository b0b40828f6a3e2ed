export interface MentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}

export interface HashtagEntity {
  start: number;
  end: number;
  tag: string;
}

export interface TextEntities {
  mentions: MentionEntity[];
  hashtags: HashtagEntity[];
}

const MENTION = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])/g;
const HASHTAG = /(^|[^\p{L}\p{N}_#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** X counts entity indices in Unicode code points, not UTF-16 units. */
function codePointIndex(text: string, utf16Index: number): number {
  return Array.from(text.slice(0, utf16Index)).length;
}

export function extractEntities(text: string, userIdByUsername: (username: string) => string | undefined): TextEntities {
  const mentions: MentionEntity[] = [];
  for (const match of text.matchAll(MENTION)) {
    const username = match[2] ?? '';
    const at = (match.index ?? 0) + (match[1] ?? '').length;
    const start = codePointIndex(text, at);
    const id = userIdByUsername(username);
    mentions.push({ start, end: start + 1 + username.length, username, ...(id ? { id } : {}) });
  }
  const hashtags: HashtagEntity[] = [];
  for (const match of text.matchAll(HASHTAG)) {
    const tag = match[2] ?? '';
    const at = (match.index ?? 0) + (match[1] ?? '').length;
    const start = codePointIndex(text, at);
    hashtags.push({ start, end: start + 1 + Array.from(tag).length, tag });
  }
  return { mentions, hashtags };
}
