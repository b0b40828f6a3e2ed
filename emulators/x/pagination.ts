import { invalidRequest } from './problems.js';

/**
 * Opaque base36 tokens: `n…` continues after (older than) an id, `p…` goes back before (newer
 * than) an id. Padded to 16 characters because X's DM endpoints declare tokens of at least 16.
 */
const encode = (direction: 'n' | 'p', id: string): string => direction + BigInt(id).toString(36).padStart(15, '0');

function decode(token: string): { direction: 'n' | 'p'; id: bigint } {
  const match = /^([np])([0-9a-z]{15,})$/.exec(token);
  if (!match) {
    throw invalidRequest([{ parameters: { pagination_token: [token] }, message: `The \`pagination_token\` query parameter value [${token}] is not valid` }]);
  }
  let id = 0n;
  for (const c of match[2] ?? '') id = id * 36n + BigInt(parseInt(c, 36));
  return { direction: match[1] as 'n' | 'p', id };
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
  previousToken?: string;
}

/** One page of a newest-first list, as X pages its timelines. */
export function paginate<T extends { id: string }>(newestFirst: T[], maxResults: number, token: string | undefined): Page<T> {
  let items: T[];
  let olderRemain: boolean;
  if (token === undefined) {
    items = newestFirst.slice(0, maxResults);
    olderRemain = newestFirst.length > items.length;
  } else {
    const { direction, id } = decode(token);
    if (direction === 'n') {
      const older = newestFirst.filter((t) => BigInt(t.id) < id);
      items = older.slice(0, maxResults);
      olderRemain = older.length > items.length;
    } else {
      const newer = newestFirst.filter((t) => BigInt(t.id) > id);
      items = newer.slice(-maxResults);
      olderRemain = true;
    }
  }
  const first = items[0];
  const last = items[items.length - 1];
  const newerRemain = first !== undefined && newestFirst.some((t) => BigInt(t.id) > BigInt(first.id));
  return {
    items,
    ...(olderRemain && last ? { nextToken: encode('n', last.id) } : {}),
    ...(token !== undefined && newerRemain && first ? { previousToken: encode('p', first.id) } : {}),
  };
}
