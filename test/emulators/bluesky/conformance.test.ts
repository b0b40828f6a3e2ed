import { lexicons } from '@atproto/api';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, xrpcMethods, type BlueskyEmulator, type EmulatedPost } from '../../../emulators/bluesky/index.js';
import { xrpc, type RawResponse } from './helpers.js';

/**
 * The reference is the lexicon set @atproto/api ships (`lexicons`), checked with the library's own
 * validators: every method the emulator serves must exist there with the same parameters and body,
 * every request the emulator accepts must be valid input, and every answer valid output.
 */

const defOf = (nsid: string) => lexicons.getDefOrThrow(nsid, ['query', 'procedure']);
const methodOf = (nsid: string) => {
  const method = xrpcMethods.find((m) => m.nsid === nsid);
  if (!method) throw new Error(`emulator has no ${nsid}`);
  return method;
};

/** Failures any method may answer (xrpc-server's standard names and the PDS's token checks), beyond those its lexicon lists. */
const GENERIC_ERRORS = [
  'InvalidRequest',
  'AuthenticationRequired',
  'AuthMissing',
  'InvalidToken',
  'ExpiredToken',
  'Forbidden',
  'RateLimitExceeded',
  'InternalServerError',
  'MethodNotImplemented',
];

/** The message the library's validator gives for a value, or undefined when valid. */
function libraryMessage(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('Bluesky emulator methods against the lexicons of @atproto/api', () => {
  const rows = xrpcMethods.map((m) => [m.nsid, m.type] as const);

  it.each(rows)('%s is a %s of the lexicon', (nsid, type) => {
    expect(defOf(nsid).type).toBe(type);
  });

  it.each(rows)('%s takes exactly the lexicon parameters and requires the same ones', (nsid) => {
    const { params } = methodOf(nsid);
    const lexicon = defOf(nsid).parameters;
    expect(Object.keys(params).sort()).toEqual(Object.keys(lexicon?.properties ?? {}).sort());
    const required = Object.entries(params).filter(([, schema]) => !schema.safeParse(undefined).success);
    expect(required.map(([name]) => name).sort()).toEqual([...(lexicon?.required ?? [])].sort());
    for (const [name, property] of Object.entries(lexicon?.properties ?? {})) {
      if (property.type !== 'integer' || property.minimum === undefined || property.maximum === undefined) continue;
      const accepts = (value: number) => params[name]?.safeParse([String(value)]).success;
      expect([accepts(property.minimum - 1), accepts(property.minimum), accepts(property.maximum), accepts(property.maximum + 1)], name).toEqual([
        false,
        true,
        true,
        false,
      ]);
    }
  });

  it.each(rows)('%s reads the lexicon input body: same properties, same required ones', (nsid) => {
    const { input } = methodOf(nsid);
    const def = defOf(nsid);
    const lexicon = def.type === 'procedure' ? def.input?.schema : undefined;
    if (!input) {
      expect(lexicon).toBeUndefined();
      return;
    }
    if (lexicon?.type !== 'object') throw new Error(`${nsid} has no object input in the lexicon`);
    const shape: Record<string, z.ZodType> = (input as z.ZodObject).shape;
    expect(Object.keys(shape).sort()).toEqual(Object.keys(lexicon.properties).sort());
    const required = Object.entries(shape).filter(([, field]) => !field.safeParse(undefined).success);
    expect(required.map(([name]) => name).sort()).toEqual([...(lexicon.required ?? [])].sort());
  });
});

describe('Bluesky emulator traffic validates against the lexicons', () => {
  let bsky: BlueskyEmulator;
  let now = Date.parse('2026-03-01T10:00:00Z');
  let token = '';
  const served = new Map<string, Set<number>>();

  beforeAll(async () => {
    bsky = await startBlueskyEmulator({ now: () => now });
  });
  afterAll(() => bsky.close());

  interface Call {
    params?: Record<string, string | number | boolean | string[]>;
    body?: unknown;
    token?: string | null;
  }

  /** Sends a call the lexicon allows, then checks the answer: valid output for a 200, an XRPC error body the method may give otherwise. */
  async function conforms(nsid: string, call: Call = {}): Promise<RawResponse> {
    const def = defOf(nsid);
    if (call.params) lexicons.assertValidXrpcParams(nsid, call.params);
    const response = await sendRaw(nsid, call);
    if (response.status === 200) {
      if (call.body !== undefined) lexicons.assertValidXrpcInput(nsid, call.body);
      if (def.output) {
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        lexicons.assertValidXrpcOutput(nsid, response.body);
      } else {
        expect(response.body).toBeUndefined();
      }
    } else {
      const errorBody = response.body as { error: string; message: string };
      expect(Object.keys(errorBody).sort()).toEqual(['error', 'message']);
      expect([...GENERIC_ERRORS, ...(def.errors ?? []).map((e) => e.name)], `${nsid} ${response.status}`).toContain(errorBody.error);
    }
    served.set(nsid, (served.get(nsid) ?? new Set()).add(response.status));
    return response;
  }

  /** Sends any call, valid or not. */
  const sendRaw = (nsid: string, call: Call = {}): Promise<RawResponse> =>
    xrpc(bsky, defOf(nsid).type === 'query' ? 'GET' : 'POST', nsid, {
      ...(call.params ? { params: call.params } : {}),
      ...(call.body !== undefined ? { body: call.body } : {}),
      ...(call.token !== null ? { token: call.token ?? token } : {}),
    });

  /** An invalid call must fail as the PDS fails it: 400 InvalidRequest with the message the library's validator gives. */
  async function refusedLikeTheLexicon(nsid: string, call: Call, libraryCheck: () => unknown, prefix = ''): Promise<void> {
    const expected = libraryMessage(libraryCheck);
    expect(expected, 'the library must refuse it too').toBeDefined();
    const response = await sendRaw(nsid, call);
    expect(response).toMatchObject({ status: 400, body: { error: 'InvalidRequest', message: `${prefix}${expected}` } });
  }

  const post = (text: string, extra: Record<string, unknown> = {}) => ({
    repo: bsky.brand.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text, createdAt: new Date(now).toISOString(), ...extra },
  });
  const ref = (p: { uri: string; cid: string }) => ({ uri: p.uri, cid: p.cid });

  it('conforms across every method, in success and failure', async () => {
    expect(
      (await conforms('com.atproto.server.createSession', { body: { identifier: bsky.credentials.identifier, password: 'wrong' }, token: null })).status,
    ).toBe(401);
    const session = await conforms('com.atproto.server.createSession', {
      body: { identifier: bsky.credentials.identifier, password: bsky.credentials.password },
      token: null,
    });
    ({ accessJwt: token } = session.body as { accessJwt: string });
    const { refreshJwt } = session.body as { refreshJwt: string };
    await conforms('com.atproto.server.getSession');
    expect((await conforms('com.atproto.server.getSession', { token: null })).status).toBe(401);

    const jane = bsky.control.createUser({
      handle: 'jane',
      displayName: 'Jane Doe',
      description: 'Gardener',
      avatar: 'https://cdn.bsky.app/img/avatar/plain/x/y@jpeg',
    });
    const sam = bsky.control.createUser({ handle: 'sam.example.com' });
    await conforms('com.atproto.identity.resolveHandle', { params: { handle: 'jane.bsky.social' }, token: null });
    expect((await conforms('com.atproto.identity.resolveHandle', { params: { handle: 'nobody.bsky.social' } })).status).toBe(400);

    const ours: EmulatedPost = bsky.control.postAsBrand({ text: 'Spring sale today', langs: ['en'] });
    const mention = bsky.control.post('jane', { text: `@${bsky.brand.handle} is the sale online too? 🌷` });
    const reply = bsky.control.post('sam.example.com', { text: 'and in stores?', replyTo: ours.uri });
    const quote = bsky.control.post('jane', { text: 'finally', quote: ours.uri });
    bsky.control.like('sam.example.com', ours.uri);
    bsky.control.follow('jane');

    const first = await conforms('app.bsky.notification.listNotifications', { params: { limit: 3 } });
    const { cursor } = first.body as { cursor: string };
    await conforms('app.bsky.notification.listNotifications', { params: { limit: 3, cursor, priority: false } });
    await conforms('app.bsky.notification.listNotifications', { params: { reasons: ['mention', 'reply', 'quote'], seenAt: '2026-03-01T09:00:00.000Z' } });
    await conforms('app.bsky.notification.updateSeen', { body: { seenAt: new Date(now).toISOString() } });
    await conforms('app.bsky.notification.getUnreadCount');
    await conforms('app.bsky.notification.getUnreadCount', { params: { priority: true, seenAt: '2026-03-01T09:00:00Z' } });
    await conforms('app.bsky.notification.listNotifications');

    now += 1000;
    const facets = [
      { index: { byteStart: 0, byteEnd: 17 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: jane.did }] },
      { index: { byteStart: 28, byteEnd: 50 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://acme.test/sale' }] },
      { index: { byteStart: 51, byteEnd: 56 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sale' }] },
    ];
    const answer = await conforms('com.atproto.repo.createRecord', {
      body: post('@jane.bsky.social yes, see: https://acme.test/sale #sale', { facets, reply: { root: ref(mention), parent: ref(mention) }, langs: ['en'] }),
    });
    const answered = answer.body as { uri: string; cid: string };
    await conforms('com.atproto.repo.createRecord', { body: post('Read this', { embed: { $type: 'app.bsky.embed.record', record: ref(quote) } }) });
    await conforms('com.atproto.repo.createRecord', {
      body: post('Our blog', { embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://acme.test/blog', title: 'Blog', description: 'News' } } }),
    });
    await conforms('com.atproto.repo.createRecord', { body: post('A thread of our own', { reply: { root: ref(ours), parent: ref(reply) } }) });
    await conforms('com.atproto.repo.createRecord', {
      body: { repo: bsky.brand.did, collection: 'app.bsky.feed.like', record: { subject: ref(mention), createdAt: new Date(now).toISOString() } },
    });
    expect((await conforms('com.atproto.repo.createRecord', { body: post('x'.repeat(301)) })).status).toBe(400);
    expect((await conforms('com.atproto.repo.createRecord', { body: { ...post('hello'), repo: jane.did } })).status).toBe(401);
    const stale = await conforms('com.atproto.repo.createRecord', {
      body: { ...post('stale'), swapCommit: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm' },
    });
    expect(stale.body).toMatchObject({ error: 'InvalidSwap' });

    await conforms('app.bsky.feed.getPostThread', { params: { uri: answered.uri } });
    await conforms('app.bsky.feed.getPostThread', { params: { uri: ours.uri, depth: 2, parentHeight: 0 }, token: null });
    await conforms('app.bsky.feed.getPosts', { params: { uris: [quote.uri, answered.uri, mention.uri] } });
    await conforms('app.bsky.feed.getAuthorFeed', { params: { actor: bsky.brand.handle, limit: 2 } });
    await conforms('app.bsky.feed.getAuthorFeed', { params: { actor: bsky.brand.did, filter: 'posts_and_author_threads', includePins: false } });
    await conforms('app.bsky.actor.getProfile', { params: { actor: 'jane.bsky.social' } });
    await conforms('app.bsky.actor.getProfile', { params: { actor: bsky.brand.did }, token: null });

    bsky.control.deleteRecord(mention.uri);
    bsky.control.block('sam.example.com', bsky.brand.did);
    await conforms('app.bsky.feed.getPostThread', { params: { uri: answered.uri } });
    await conforms('app.bsky.feed.getPostThread', { params: { uri: reply.uri } });
    await conforms('app.bsky.feed.getPosts', { params: { uris: [answered.uri] } });
    expect((await conforms('app.bsky.feed.getPostThread', { params: { uri: mention.uri } })).body).toMatchObject({ error: 'NotFound' });
    expect((await conforms('app.bsky.feed.getAuthorFeed', { params: { actor: sam.did } })).body).toMatchObject({ error: 'BlockedByActor' });
    await conforms('com.atproto.repo.createRecord', {
      body: { repo: bsky.brand.did, collection: 'app.bsky.graph.block', record: { subject: jane.did, createdAt: new Date(now).toISOString() } },
    });
    expect((await conforms('app.bsky.feed.getAuthorFeed', { params: { actor: jane.did } })).body).toMatchObject({ error: 'BlockedActor' });
    await conforms('app.bsky.feed.getAuthorFeed', { params: { actor: bsky.brand.did } });

    const rkey = answered.uri.split('/').pop() ?? '';
    await conforms('com.atproto.repo.deleteRecord', { body: { repo: bsky.brand.did, collection: 'app.bsky.feed.post', rkey } });
    await conforms('com.atproto.repo.deleteRecord', { body: { repo: bsky.brand.handle, collection: 'app.bsky.feed.post', rkey } });

    now += 2 * 3600_000;
    expect((await conforms('app.bsky.notification.listNotifications')).body).toMatchObject({ error: 'ExpiredToken' });
    const refreshed = await conforms('com.atproto.server.refreshSession', { token: refreshJwt });
    ({ accessJwt: token } = refreshed.body as { accessJwt: string });
    await conforms('app.bsky.notification.listNotifications');
    await conforms('com.atproto.server.deleteSession', { token: (refreshed.body as { refreshJwt: string }).refreshJwt });

    for (let i = 0; i < 30; i += 1)
      await conforms('com.atproto.server.createSession', { body: { identifier: 'sam.example.com', password: 'nope' }, token: null });
    expect((await conforms('com.atproto.server.createSession', { body: { identifier: 'sam.example.com', password: 'nope' }, token: null })).status).toBe(429);

    for (const stored of bsky.control.posts()) expect(libraryMessage(() => lexicons.assertValidRecord('app.bsky.feed.post', stored.record))).toBeUndefined();
    expect(xrpcMethods.filter((m) => !served.get(m.nsid)?.has(200)).map((m) => m.nsid)).toEqual([]);
    const statuses = new Set([...served.values()].flatMap((s) => [...s]));
    expect([...statuses].sort()).toEqual([200, 400, 401, 429]);
  });

  it('refuses invalid parameters and bodies with the very messages of the lexicon validator', async () => {
    const uri = `at://${bsky.brand.did}/app.bsky.feed.post/3lbqk5nbd7k2c`;
    await refusedLikeTheLexicon('app.bsky.notification.listNotifications', { params: { limit: 101 } }, () =>
      lexicons.assertValidXrpcParams('app.bsky.notification.listNotifications', { limit: 101 }),
    );
    await refusedLikeTheLexicon('app.bsky.feed.getPostThread', { params: { depth: 1 } }, () =>
      lexicons.assertValidXrpcParams('app.bsky.feed.getPostThread', { depth: 1 }),
    );
    await refusedLikeTheLexicon('app.bsky.feed.getPostThread', { params: { uri: 'https://bsky.app/post/1' } }, () =>
      lexicons.assertValidXrpcParams('app.bsky.feed.getPostThread', { uri: 'https://bsky.app/post/1' }),
    );
    await refusedLikeTheLexicon('app.bsky.feed.getPosts', { params: { uris: Array.from({ length: 26 }, () => uri) } }, () =>
      lexicons.assertValidXrpcParams('app.bsky.feed.getPosts', { uris: Array.from({ length: 26 }, () => uri) }),
    );
    await refusedLikeTheLexicon('com.atproto.server.createSession', { body: { password: 'x' }, token: null }, () =>
      lexicons.assertValidXrpcInput('com.atproto.server.createSession', { password: 'x' }),
    );
    await refusedLikeTheLexicon('app.bsky.notification.updateSeen', { body: { seenAt: 'yesterday' } }, () =>
      lexicons.assertValidXrpcInput('app.bsky.notification.updateSeen', { seenAt: 'yesterday' }),
    );
    const longRecord = post('é'.repeat(301)).record;
    await refusedLikeTheLexicon(
      'com.atproto.repo.createRecord',
      { body: { ...post(''), record: longRecord } },
      () => lexicons.assertValidRecord('app.bsky.feed.post', longRecord),
      'Invalid app.bsky.feed.post record: ',
    );
    const badLang = post('bonjour', { langs: ['fr', 'english!'] }).record;
    await refusedLikeTheLexicon(
      'com.atproto.repo.createRecord',
      { body: { ...post(''), record: badLang } },
      () => lexicons.assertValidRecord('app.bsky.feed.post', badLang),
      'Invalid app.bsky.feed.post record: ',
    );
  });

  it('accepts exactly the post records the lexicon accepts (text, time, languages, tags)', async () => {
    const session = await sendRaw('com.atproto.server.createSession', {
      body: { identifier: bsky.credentials.email, password: bsky.credentials.password },
      token: null,
    });
    const ownToken = (session.body as { accessJwt: string }).accessJwt;
    bsky.control.configure({ rateLimits: false });
    const graphemes = fc.constantFrom('a', 'é', 'e\u0301', '👩‍👩‍👧', '🇫🇷', 'ก่', '漢', ' ', '\n');
    const record = fc.record(
      {
        text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: graphemes, minLength: 150, maxLength: 320 })),
        createdAt: fc.oneof(
          fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2026-03-01T10:00:00+01:00', '2026-03-01', 'yesterday', '2026-02-30T10:00:00Z', '2026-03-01 10:00:00Z'),
        ),
        langs: fc.array(fc.constantFrom('en', 'pt-BR', 'zh-Hant', 'x-private', 'english!', ''), { maxLength: 4 }),
        tags: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: graphemes, minLength: 60, maxLength: 70 })), { maxLength: 9 }),
      },
      { requiredKeys: ['text', 'createdAt'] },
    );
    await fc.assert(
      fc.asyncProperty(record, async (value) => {
        const full = { $type: 'app.bsky.feed.post', ...value };
        const valid = libraryMessage(() => lexicons.assertValidRecord('app.bsky.feed.post', full)) === undefined;
        const response = await sendRaw('com.atproto.repo.createRecord', {
          body: { repo: bsky.brand.did, collection: 'app.bsky.feed.post', record: full },
          token: ownToken,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(valid ? 200 : 400);
      }),
      { numRuns: 150 },
    );
  });

  it('is stricter than this version of the library where the atproto datetime spec is (a time zone, RFC 3339 hours)', async () => {
    const session = await sendRaw('com.atproto.server.createSession', {
      body: { identifier: bsky.credentials.email, password: bsky.credentials.password },
      token: null,
    });
    const ownToken = (session.body as { accessJwt: string }).accessJwt;
    for (const createdAt of ['2026-03-01T10:00:00', '20260301T100000Z', '2026-03-01T24:00:00Z']) {
      const record = { $type: 'app.bsky.feed.post', text: 'hi', createdAt };
      expect(
        libraryMessage(() => lexicons.assertValidRecord('app.bsky.feed.post', record)),
        createdAt,
      ).toBeUndefined();
      const response = await sendRaw('com.atproto.repo.createRecord', {
        body: { repo: bsky.brand.did, collection: 'app.bsky.feed.post', record },
        token: ownToken,
      });
      expect(response.status, createdAt).toBe(400);
    }
  });
});
