import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fields from '../../../emulators/x/fields.js';
import { apiRoutes, startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import { signedRequest, type RawResponse } from './client.js';
import {
  deref,
  discriminated,
  loadXSpec,
  objectShape,
  operation,
  queryParameterNames,
  responseSchemaPointer,
  specValidator,
  undeclaredKeys,
  X_SPEC_NEWEST,
  X_SPEC_WIRE,
  type Parameter,
  type Schema,
} from './openapi.js';

const wire = loadXSpec(X_SPEC_WIRE);
const newest = loadXSpec(X_SPEC_NEWEST);

/** Required keys and all keys of a zod object schema, read by probing it. */
function zodShape(schema: NonNullable<(typeof apiRoutes)[number]['body']>): { required: string[]; properties: string[] } {
  const entries = Object.entries(schema.shape);
  return {
    properties: entries.map(([key]) => key),
    required: entries.filter(([, field]) => !(field as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success).map(([key]) => key),
  };
}

/** The request body variant the emulator implements: for `anyOf`, the one whose required keys it declares. */
function specBodyShape(doc: typeof wire, method: string, path: string, ours: string[]) {
  const body = operation(doc, method, path)?.requestBody?.content['application/json']?.schema;
  if (!body) throw new Error(`${method} ${path} has no JSON request body in the spec`);
  const { anyOf, oneOf, ...common } = deref<Schema>(doc, body);
  const shared = objectShape(doc, common);
  const variants = (anyOf ?? oneOf ?? [{}]).map((v) => {
    const own = objectShape(doc, v);
    return { required: new Set([...shared.required, ...own.required]), properties: new Set([...shared.properties, ...own.properties]) };
  });
  const variant = variants.find((v) => [...v.required].every((r) => ours.includes(r)));
  if (!variant) throw new Error(`${method} ${path}: no spec body variant fits the emulator's fields ${ours.join(',')}`);
  return variant;
}

describe('X emulator routes against the published OpenAPI descriptions', () => {
  it.each(apiRoutes.map((r) => [r.method, r.path] as const))('%s %s exists in 2.159 and 2.167', (method, path) => {
    expect(operation(wire, method, path), X_SPEC_WIRE).toBeDefined();
    expect(operation(newest, method, path), X_SPEC_NEWEST).toBeDefined();
  });

  it.each(apiRoutes.map((r) => [r.method, r.path, r.auth] as const))('%s %s accepts app-only Bearer auth exactly when the spec does', (method, path, auth) => {
    for (const doc of [wire, newest]) {
      const schemes = (operation(doc, method, path)?.security ?? []).flatMap((s) => Object.keys(s));
      expect(schemes).toContain('UserToken');
      expect(schemes.includes('BearerToken')).toBe(auth === 'userOrApp');
    }
  });

  it.each(apiRoutes.map((r) => [r.method, r.path, Object.keys(r.query)] as const))(
    '%s %s takes exactly the query parameters of 2.159',
    (method, path, ours) => {
      const op = operation(wire, method, path);
      expect(ours.sort()).toEqual(queryParameterNames(wire, op ?? { responses: {} }).sort());
    },
  );

  it('accepts exactly the field and expansion vocabularies of 2.159', () => {
    const enumOf = (name: string) => deref<Parameter>(wire, wire.components.parameters[name] as Parameter).schema?.items?.enum;
    expect(fields.TWEET_FIELDS).toEqual(enumOf('TweetFieldsParameter'));
    expect(fields.USER_FIELDS).toEqual(enumOf('UserFieldsParameter'));
    expect(fields.TWEET_EXPANSIONS).toEqual(enumOf('TweetExpansionsParameter'));
    expect(fields.USER_EXPANSIONS).toEqual(enumOf('UserExpansionsParameter'));
    expect(fields.DM_EVENT_FIELDS).toEqual(enumOf('DmEventFieldsParameter'));
    expect(fields.DM_EVENT_EXPANSIONS).toEqual(enumOf('DmEventExpansionsParameter'));
    expect(fields.MEDIA_FIELDS).toEqual(enumOf('MediaFieldsParameter'));
    expect(fields.POLL_FIELDS).toEqual(enumOf('PollFieldsParameter'));
    expect(fields.PLACE_FIELDS).toEqual(enumOf('PlaceFieldsParameter'));
  });

  it('relies on no OpenAPI `nullable` in 2.159 (ajv would not understand it)', () => {
    expect(JSON.stringify(wire)).not.toContain('"nullable"');
  });

  const routesWithBody = apiRoutes.flatMap((r) => (r.body ? [[r.method, r.path, r.body] as const] : []));
  it.each(routesWithBody)('%s %s: request body requires what the spec requires and declares nothing else', (method, path, body) => {
    const ours = zodShape(body);
    for (const doc of [wire, newest]) {
      const spec = specBodyShape(doc, method, path, ours.properties);
      expect(ours.required).toEqual(expect.arrayContaining([...spec.required]));
      expect([...spec.properties]).toEqual(expect.arrayContaining(ours.properties));
    }
  });
});

/**
 * Keys X sends that 2.159 fails to declare. The create response carries the edit history: 2.167
 * declares it (CreatePostsResponseData.edit_history_post_ids, its renamed spelling).
 */
const KNOWN_OMISSIONS: Record<string, string[]> = { 'POST /2/tweets': ['$.data.edit_history_tweet_ids'] };

describe('X emulator responses validate against 2.159 schemas', () => {
  let x: XEmulator;
  const validate = specValidator(wire, 'x-2.159');
  const seen: { template: string; status: number }[] = [];

  beforeAll(async () => {
    x = await startXEmulator({ rateLimits: { 'GET /2/users/me': { limit: 3, windowSeconds: 900 } } });
  });
  afterAll(() => x.close());

  /** Sends the request and checks status, content type, schema conformance and undeclared keys. */
  async function conforms(method: string, template: string, path: string, body?: unknown): Promise<RawResponse> {
    const response = await signedRequest(x, method, path, body);
    const op = operation(wire, method, template);
    if (!op) throw new Error(`${method} ${template} not in spec`);
    const pointer = responseSchemaPointer(op, template, method, response.status, response.contentType);
    expect(pointer, `${method} ${path} → ${response.status} ${response.contentType}`).toBeDefined();
    expect(validate(pointer as string, response.body)).toEqual([]);
    const schema = deref<Schema>(wire, { $ref: pointer as string });
    const undeclared = undeclaredKeys(wire, schema, response.body).filter((key) => !KNOWN_OMISSIONS[`${method} ${template}`]?.includes(key));
    expect(undeclared).toEqual([]);
    const problems = response.status >= 400 ? [response.body] : ((response.body as { errors?: unknown[] }).errors ?? []);
    for (const problem of problems) {
      const subtype = discriminated(wire.components.schemas.Problem as Schema, problem);
      expect(subtype, `problem type ${JSON.stringify(problem)}`).toBeDefined();
      expect(validate(subtype as string, problem)).toEqual([]);
    }
    seen.push({ template: `${method} ${template}`, status: response.status });
    return response;
  }

  it('conforms across the main calls, success and failure', async () => {
    const jane = x.control.createUser({ username: 'jane', name: 'Jane' });
    const ours = x.control.postAsBrand({ text: 'Big launch today' });
    const quote = x.control.post('jane', { text: '@acme_support wow #launch', quoteOfId: ours.id });
    const mention = x.control.post('jane', { text: '@acme_support it crashed', replyToId: ours.id });
    x.control.sendDm('jane', { text: 'hello there' });
    const brand = x.brand.id;
    const tweetFields =
      'tweet.fields=attachments,author_id,conversation_id,created_at,display_text_range,edit_history_tweet_ids,entities,in_reply_to_user_id,public_metrics,possibly_sensitive,referenced_tweets,reply_settings';
    const userFields = 'user.fields=created_at,description,profile_image_url,protected,public_metrics,verified,username,name';
    const tweetExpansions = 'expansions=author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username';

    await conforms('GET', '/2/users/me', `/2/users/me?${userFields}`);
    const mentions = await conforms(
      'GET',
      '/2/users/{id}/mentions',
      `/2/users/${brand}/mentions?max_results=5&${tweetFields}&${tweetExpansions}&${userFields}`,
    );
    expect((mentions.body as { data: unknown[] }).data).toHaveLength(2);
    await conforms('GET', '/2/users/{id}/mentions', `/2/users/${brand}/mentions?since_id=${mention.id}`);
    await conforms('GET', '/2/users/{id}/mentions', `/2/users/${brand}/mentions?max_results=3`);
    await conforms('GET', '/2/users/{id}/mentions', `/2/users/1/mentions`);
    await conforms('GET', '/2/users/{id}/tweets', `/2/users/${brand}/tweets?exclude=replies&${tweetFields}&${tweetExpansions}`);
    await conforms('GET', '/2/tweets/{id}', `/2/tweets/${quote.id}?${tweetFields}&${tweetExpansions}&${userFields}`);
    await conforms('GET', '/2/tweets/{id}', `/2/tweets/1`);
    await conforms('GET', '/2/tweets', `/2/tweets?ids=${quote.id},${mention.id},1&${tweetFields}&${tweetExpansions}`);
    await conforms('GET', '/2/tweets', `/2/tweets?ids=`);
    const reply = await conforms('POST', '/2/tweets', '/2/tweets', { text: 'Fix is rolling out', reply: { in_reply_to_tweet_id: mention.id } });
    expect(reply.status).toBe(201);
    await conforms('POST', '/2/tweets', '/2/tweets', { text: 'Fix is rolling out', reply: { in_reply_to_tweet_id: mention.id } });
    await conforms('POST', '/2/tweets', '/2/tweets', { reply: { in_reply_to_tweet_id: mention.id } });
    await conforms('DELETE', '/2/tweets/{id}', `/2/tweets/${(reply.body as { data: { id: string } }).data.id}`);
    await conforms('DELETE', '/2/tweets/{id}', `/2/tweets/${quote.id}`);
    await conforms('POST', '/2/users/{id}/likes', `/2/users/${brand}/likes`, { tweet_id: mention.id });
    await conforms('POST', '/2/users/{id}/likes', `/2/users/${brand}/likes`, { tweet_id: '1' });
    await conforms('DELETE', '/2/users/{id}/likes/{tweet_id}', `/2/users/${brand}/likes/${mention.id}`);
    const sent = await conforms('POST', '/2/dm_conversations/with/{participant_id}/messages', `/2/dm_conversations/with/${jane.id}/messages`, {
      text: 'Can you DM the order number?',
    });
    expect(sent.status).toBe(201);
    await conforms(
      'GET',
      '/2/dm_events',
      '/2/dm_events?dm_event.fields=created_at,dm_conversation_id,sender_id,event_type,text,id&expansions=sender_id&user.fields=username',
    );
    await conforms('GET', '/2/dm_conversations/with/{participant_id}/dm_events', `/2/dm_conversations/with/${jane.id}/dm_events?max_results=1`);
    const unauthorized = await signedRequest(x, 'GET', '/2/users/me', undefined, { accessToken: x.credentials.accessToken, accessSecret: 'wrong' });
    expect(unauthorized.status).toBe(401);
    await conforms('GET', '/2/users/me', '/2/users/me');
    await conforms('GET', '/2/users/me', '/2/users/me');
    const limited = await conforms('GET', '/2/users/me', '/2/users/me');
    expect(limited.status).toBe(429);

    const statuses = new Set(seen.map((s) => s.status));
    expect([...statuses].sort()).toEqual([200, 201, 400, 403, 429]);
  });

  it.each(bodyRoutes())('%s %s answers 400 when a field the spec requires is missing', async (method, path, required, pathValue) => {
    for (const field of required) {
      const { [field]: _omitted, ...rest } = { tweet_id: '1', text: 'hello' } as Record<string, string>;
      const response = await signedRequest(x, method, pathValue(x), rest);
      expect(response.status, field).toBe(400);
      expect(response.body).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
    }
  });
});

/** Body routes with the fields 2.159 requires and a concrete path for the brand. */
function bodyRoutes() {
  return apiRoutes.flatMap((route) => {
    if (!route.body) return [];
    const required = [...specBodyShape(wire, route.method, route.path, Object.keys(route.body.shape)).required];
    const concrete = (x: XEmulator) => route.path.replace('{id}', x.brand.id).replace('{participant_id}', x.brand.id);
    return required.length > 0 ? [[route.method, route.path, required, concrete] as const] : [];
  });
}
