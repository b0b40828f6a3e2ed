import { z } from 'zod';
import { TID_PATTERN } from '../identifiers.js';
import type { RateLimitRule } from '../rate-limit.js';
import { BLOCK, FOLLOW, LIKE, POST, type Collection, type EmulatedAccount } from '../store.js';
import { byteSliceProblem, graphemeLength, sliceText, utf8Length } from '../text.js';
import { atIdentifier, cid, datetime, did, language, nsid, parseRecord, recordKey, strongRef } from '../validation.js';
import { authRequired, invalidRequest, XrpcError } from '../xrpc.js';
import { callerOf, defineMethod, type Caller, type MethodContext, type XrpcMethod } from './method.js';

/** The PDS's repo-write limits per account: points per hour and per day, a create costing 3 and a delete 1. */
const REPO_WRITE_LIMITS: readonly RateLimitRule[] = [
  { bucket: 'repo-write-hour', limit: 5000, windowSeconds: 3600 },
  { bucket: 'repo-write-day', limit: 35_000, windowSeconds: 86_400 },
];

/** A lexicon string limit: `maxLength` counts UTF-8 bytes, `maxGraphemes` what a reader counts. */
const limitedString = (maxBytes: number, maxGraphemes: number) =>
  z
    .string()
    .refine((t) => utf8Length(t) <= maxBytes, `must not be longer than ${maxBytes} characters`)
    .refine((t) => graphemeLength(t) <= maxGraphemes, `must not be longer than ${maxGraphemes} graphemes`);

const facet = z.object({
  index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(0) }),
  features: z.array(z.looseObject({ $type: z.string() })),
});

/** Facet features are an open union: known ones must match their lexicon, others pass untouched. */
const FEATURES: Record<string, z.ZodType> = {
  'app.bsky.richtext.facet#mention': z.object({ did }),
  'app.bsky.richtext.facet#link': z.object({ uri: z.string() }),
  'app.bsky.richtext.facet#tag': z.object({ tag: limitedString(640, 64) }),
};

/** Embeds the emulator can show; images and video would need blob uploads, which it does not take. */
const EMBEDS: Record<string, z.ZodType> = {
  'app.bsky.embed.record': z.object({ record: strongRef }),
  'app.bsky.embed.external': z.object({ external: z.object({ uri: z.string(), title: z.string(), description: z.string() }) }),
};

/** app.bsky.feed.post as the lexicon constrains it: text ≤ 3000 UTF-8 bytes and ≤ 300 graphemes. */
const postRecord = z.looseObject({
  text: limitedString(3000, 300),
  facets: z.array(facet).optional(),
  reply: z.object({ root: strongRef, parent: strongRef }).optional(),
  embed: z.looseObject({ $type: z.string() }).optional(),
  langs: z.array(language).max(3).optional(),
  tags: z.array(limitedString(640, 64)).max(8).optional(),
  createdAt: datetime,
});

const accountSubject = z.looseObject({ subject: did, createdAt: datetime });
const RECORD_SCHEMAS: Record<Collection, z.ZodType> = {
  [POST]: postRecord,
  [LIKE]: z.looseObject({ subject: strongRef, createdAt: datetime }),
  [FOLLOW]: accountSubject,
  [BLOCK]: accountSubject,
};
const isCollection = (value: string): value is Collection => value in RECORD_SCHEMAS;

/**
 * Facets the lexicon allows but that would not render as intended: ranges outside the text or cutting
 * a character (UTF-16 offsets used as bytes), or a mention whose text is not `@handle` of the DID it
 * names. The real PDS stores such posts and the mention silently fails; the emulator refuses them so
 * tests catch the mistake.
 */
function facetProblem(ctx: MethodContext, text: string, facets: z.infer<typeof facet>[]): string | undefined {
  for (const [i, { index, features }] of facets.entries()) {
    const range = byteSliceProblem(text, index);
    if (range) return `Record/facets/${i}/index ${range}`;
    for (const feature of features) {
      if (feature.$type !== 'app.bsky.richtext.facet#mention' || typeof feature.did !== 'string') continue;
      const mentioned = ctx.store.account(feature.did);
      const covered = sliceText(text, index);
      if (mentioned && covered.toLowerCase() !== `@${mentioned.handle}`) {
        return `Record/facets/${i} mentions ${mentioned.did} (@${mentioned.handle}) but covers the text "${covered}"`;
      }
    }
  }
  return undefined;
}

function validRecord(ctx: MethodContext, collection: Collection, record: Record<string, unknown>): Record<string, unknown> {
  parseRecord(RECORD_SCHEMAS[collection], record, collection);
  if (collection !== POST) return record;
  const post = postRecord.parse(record);
  for (const [i, { features }] of (post.facets ?? []).entries()) {
    for (const [j, feature] of features.entries()) {
      const schema = FEATURES[feature.$type];
      if (schema) parseRecord(schema, feature, collection, `Record/facets/${i}/features/${j}`);
    }
  }
  if (post.embed) {
    const schema = EMBEDS[post.embed.$type];
    if (!schema)
      throw invalidRequest(
        `Invalid ${collection} record: Record/embed ${post.embed.$type} is not an embed the emulator stores (${Object.keys(EMBEDS).join(', ')})`,
      );
    parseRecord(schema, post.embed, collection, 'Record/embed');
  }
  const problem = facetProblem(ctx, post.text, post.facets ?? []);
  if (problem) throw invalidRequest(`Invalid ${collection} record: ${problem}`);
  return record;
}

/** The caller's own repo: another account's is refused as the PDS refuses it. */
function ownRepo(ctx: MethodContext, repo: string): EmulatedAccount {
  const account = ctx.store.account(repo);
  if (!account) throw invalidRequest(`Could not find repo: ${repo}`);
  if (account.did !== callerOf(ctx).account.did) throw authRequired();
  return account;
}

function assertCommit(ctx: MethodContext, did: string, swapCommit: string | undefined): void {
  const current = ctx.store.repoState(did)?.commitCid;
  if (swapCommit !== undefined && swapCommit !== current) throw invalidRequest(`Commit was at ${current ?? 'null'}`, 'InvalidSwap');
}

const commitOf = (ctx: MethodContext, did: string) => {
  const state = ctx.store.repoState(did);
  return state && { cid: state.commitCid, rev: state.rev };
};

const createRecordInput = z.object({
  repo: atIdentifier,
  collection: nsid,
  rkey: recordKey.optional(),
  validate: z.boolean().optional(),
  record: z.record(z.string(), z.unknown()),
  swapCommit: cid.optional(),
});

const deleteRecordInput = z.object({
  repo: atIdentifier,
  collection: nsid,
  rkey: recordKey,
  swapRecord: cid.optional(),
  swapCommit: cid.optional(),
});

const writerKey = ({ caller }: { caller?: Caller }): string => caller?.account.did ?? '';

export const repoMethods: XrpcMethod[] = [
  defineMethod({
    nsid: 'com.atproto.repo.createRecord',
    type: 'procedure',
    auth: 'access',
    params: {},
    input: createRecordInput,
    rateLimit: { rules: REPO_WRITE_LIMITS, key: writerKey, points: 3 },
    handle(ctx) {
      const account = ownRepo(ctx, ctx.input.repo);
      const { collection, rkey, swapCommit } = ctx.input;
      const given = ctx.input.record.$type;
      if (given !== undefined && given !== collection) throw invalidRequest(`Invalid $type: expected ${collection}, got ${JSON.stringify(given)}`);
      if (!isCollection(collection))
        throw invalidRequest(`The Bluesky emulator stores records of ${Object.keys(RECORD_SCHEMAS).join(', ')} only, not ${collection}`);
      if (rkey !== undefined && !TID_PATTERN.test(rkey)) throw invalidRequest(`Invalid record key for ${collection}: ${rkey} is not a TID`);
      const record = validRecord(ctx, collection, { $type: collection, ...ctx.input.record });
      assertCommit(ctx, account.did, swapCommit);
      // The PDS's repository refuses a second value under one key with a plain error, which reaches clients as a 500.
      if (rkey !== undefined && ctx.store.record(`at://${account.did}/${collection}/${rkey}`)) throw new XrpcError(500);
      const created = ctx.store.createRecord(account.did, collection, record, rkey);
      return { body: { uri: created.uri, cid: created.cid, commit: commitOf(ctx, account.did), validationStatus: 'valid' } };
    },
  }),
  defineMethod({
    nsid: 'com.atproto.repo.deleteRecord',
    type: 'procedure',
    auth: 'access',
    params: {},
    input: deleteRecordInput,
    rateLimit: { rules: REPO_WRITE_LIMITS, key: writerKey, points: 1 },
    handle(ctx) {
      const account = ownRepo(ctx, ctx.input.repo);
      const { collection, rkey, swapRecord, swapCommit } = ctx.input;
      const uri = `at://${account.did}/${collection}/${rkey}`;
      const existing = ctx.store.record(uri);
      if (swapRecord !== undefined && existing?.cid !== swapRecord) throw invalidRequest(`Record was at ${existing?.cid ?? 'null'}`, 'InvalidSwap');
      assertCommit(ctx, account.did, swapCommit);
      if (!existing) return { body: {} };
      ctx.store.deleteRecord(uri);
      return { body: { commit: commitOf(ctx, account.did) } };
    },
  }),
];
