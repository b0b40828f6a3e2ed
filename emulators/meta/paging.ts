import { invalidParameter } from './graph-errors.js';

/**
 * Cursor-based pagination as https://developers.facebook.com/docs/graph-api/results describes it:
 * `before` points at the first item of the page, `after` at the last; `next` is absent on the last
 * page. A cursor is opaque to clients; here it encodes the item's creation order, so a cursor stays
 * usable when its item is deleted in the meantime.
 */
export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface Page<T> {
  items: T[];
  cursors?: { before: string; after: string };
  hasNext: boolean;
  hasPrevious: boolean;
}

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 25;

const encodeCursor = (seq: number): string => Buffer.from(String(seq).padStart(16, '0')).toString('base64');

function decodeCursor(name: string, cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!/^\d+$/.test(decoded)) throw invalidParameter(`The parameter ${name} is not a valid cursor`);
  return Number(decoded);
}

/** Graph's `limit`: a positive integer no larger than 100. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalidParameter(`Param limit must be a positive integer`);
  if (Number(raw) > MAX_LIMIT) throw invalidParameter(`The limit parameter cannot exceed ${MAX_LIMIT}`);
  return Number(raw);
}

/** One page of `ordered`, which is sorted by creation order ascending or descending. */
export function paginate<T extends { seq: number }>(ordered: readonly T[], order: 'asc' | 'desc', request: PageRequest): Page<T> {
  const precedes = (seq: number, cursor: number): boolean => (order === 'asc' ? seq < cursor : seq > cursor);
  let start = 0;
  let end: number;
  if (request.after !== undefined) {
    const cursor = decodeCursor('after', request.after);
    start = ordered.findIndex((item) => !precedes(item.seq, cursor) && item.seq !== cursor);
    if (start === -1) start = ordered.length;
    end = Math.min(ordered.length, start + request.limit);
  } else if (request.before !== undefined) {
    const cursor = decodeCursor('before', request.before);
    end = ordered.findIndex((item) => !precedes(item.seq, cursor));
    if (end === -1) end = ordered.length;
    start = Math.max(0, end - request.limit);
  } else {
    end = Math.min(ordered.length, request.limit);
  }
  const items = ordered.slice(start, end);
  const first = items[0];
  const last = items.at(-1);
  return {
    items,
    ...(first && last ? { cursors: { before: encodeCursor(first.seq), after: encodeCursor(last.seq) } } : {}),
    hasNext: end < ordered.length,
    hasPrevious: start > 0,
  };
}
