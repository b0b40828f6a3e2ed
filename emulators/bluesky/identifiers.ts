import { createHash } from 'node:crypto';

/** The base32 alphabets of atproto: "sortable" for TIDs (digits 2–7 sort before letters), RFC 4648 lower case for CIDs and did:plc. */
const SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';
const RFC4648 = 'abcdefghijklmnopqrstuvwxyz234567';

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

/**
 * Record keys as the PDS makes them (https://atproto.com/specs/tid): 53 bits of microseconds since
 * 1970 and a 10-bit clock id, in 13 sortable base32 characters, so keys sort by creation time.
 * Never goes backwards and never repeats, even with a frozen or rewound clock.
 */
export function createTidGenerator(now: () => number, clockId: number): () => string {
  let lastMicros = 0n;
  return () => {
    const fromClock = BigInt(Math.floor(now())) * 1000n;
    lastMicros = fromClock > lastMicros ? fromClock : lastMicros + 1n;
    return encodeSortable((lastMicros << 10n) | BigInt(clockId & 0x3ff));
  };
}

function encodeSortable(value: bigint): string {
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = SORTABLE[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RFC4648[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += RFC4648[(buffer << (5 - bits)) & 31];
  return out;
}

/** JSON with sorted keys, so equal records hash equally whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A CIDv1 (dag-cbor codec, sha2-256) in base32 — the shape of every record CID (`bafyrei…`). The
 * digest covers canonical JSON rather than DAG-CBOR bytes: the same record always gets the same CID,
 * which is all a client can observe.
 */
export function cidFor(value: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(value)).digest();
  return `b${base32(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}

/** A did:plc (24 base32 characters) derived from the handle, so an account keeps its DID across emulator restarts. */
export function plcDidFor(handle: string): string {
  const digest = createHash('sha256').update(`earshot bluesky emulator\u0000${handle.toLowerCase()}`).digest();
  return `did:plc:${base32(digest).slice(0, 24)}`;
}

const HANDLE_PATTERN = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export const isHandle = (value: string): boolean => value.length <= 253 && HANDLE_PATTERN.test(value);

/** `jane` → `jane.bsky.social`, as accounts hosted by Bluesky are named; handles are case-insensitive. */
export function normalizeHandle(handle: string): string {
  const bare = handle.replace(/^@/, '').toLowerCase();
  return bare.includes('.') ? bare : `${bare}.bsky.social`;
}

export interface AtUriParts {
  /** DID or handle. */
  repo: string;
  collection: string;
  rkey: string;
}

export const atUri = (repo: string, collection: string, rkey: string): string => `at://${repo}/${collection}/${rkey}`;

/** The three parts of a record URI, or undefined for anything else (a bare repo, a collection, junk). */
export function parseRecordUri(uri: string): AtUriParts | undefined {
  const match = /^at:\/\/([^/?#\s]+)\/([a-zA-Z0-9.-]+)\/([a-zA-Z0-9._:~-]{1,512})$/.exec(uri);
  if (!match) return undefined;
  const [, repo, collection, rkey] = match;
  return repo && collection && rkey ? { repo, collection, rkey } : undefined;
}
