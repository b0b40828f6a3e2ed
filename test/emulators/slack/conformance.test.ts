import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackEmulator, startSlackEmulator } from '../../../emulators/slack/index.js';
import { webApiMethods } from '../../../emulators/slack/web-api/index.js';
import { loadApiSpec } from '../../support/api-specs.js';
import { parentMessageBlocks, recordingLogger, replyModal } from './helpers.js';
import { hasPath, missingNames, unknownNames } from './shapes.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Schema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { schema?: Schema & { properties?: { error?: { enum?: string[] } } }; examples?: Record<string, Record<string, unknown>> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
}

const openApi = loadApiSpec('slack-web-api-openapi.json') as OpenApi;
const sample = (name: string): Record<string, unknown> => loadApiSpec(`slack-payloads/${name}.json`) as Record<string, unknown>;

/**
 * The 2020 OpenAPI description lacks these; their shapes come from the slack-payloads samples
 * (java-slack-sdk json-logs) instead.
 */
const ONLY_IN_SAMPLES: Record<string, string> = {
  'files.getUploadURLExternal': 'webapi-response.files.getUploadURLExternal',
  'files.completeUploadExternal': 'webapi-response.files.completeUploadExternal',
  'apps.connections.open': 'webapi-response.apps.connections.open',
};

function operation(method: string): Operation {
  const path = openApi.paths[`/${method}`];
  const op = path ? Object.values(path)[0] : undefined;
  if (!op) throw new Error(`${method} is not in slack-web-api-openapi.json`);
  return op;
}

function example(method: string): Record<string, unknown> {
  return operation(method).responses['200']?.examples?.['application/json'] ?? {};
}

function deref(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  while (current?.$ref) current = openApi.definitions[current.$ref.split('/').at(-1) ?? ''];
  return current;
}

/** Paths like ".message.ts" or ".messages[].text" that the 200 schema marks as required. */
function requiredPaths(schema: Schema | undefined, path = '', depth = 0): string[] {
  const s = deref(schema);
  if (!s || depth > 4) return [];
  if (s.type === 'array' && s.items) return requiredPaths(Array.isArray(s.items) ? s.items[0] : s.items, `${path}[]`, depth + 1);
  const own = (s.required ?? []).flatMap((name) => [`${path}.${name}`, ...requiredPaths(s.properties?.[name], `${path}.${name}`, depth + 1)]);
  return [...own, ...(s.allOf ?? []).flatMap((part) => requiredPaths(part, path, depth))];
}

/** An app endpoint that acknowledges everything and keeps what it received. */
async function recordingApp(): Promise<{ server: Server; url: string; received: Array<{ contentType: string; body: string }> }> {
  const received: Array<{ contentType: string; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ contentType: String(req.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, received };
}

let slack: SlackEmulator;
let app: Awaited<ReturnType<typeof recordingApp>>;
let web: WebClient;
beforeAll(async () => {
  app = await recordingApp();
  slack = await startSlackEmulator({ delivery: { mode: 'http', requestUrl: app.url }, rateLimits: 'off' });
  web = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: recordingLogger() });
});
afterAll(async () => {
  await slack.close();
  app.server.closeAllConnections();
  app.server.close();
});

async function raw(method: string, args: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${method === 'apps.connections.open' ? slack.appToken : slack.botToken}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(args).toString(),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function parentTs(): Promise<string> {
  const posted = await web.chat.postMessage({ channel: slack.channels.social as string, text: 'mention', blocks: parentMessageBlocks() as never });
  return posted.ts as string;
}

async function freshTrigger(ts: string): Promise<string> {
  return (await slack.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'reply' })).triggerId;
}

describe('conformance with slack-web-api-openapi.json', () => {
  it('implements only methods Slack describes (the three newer ones come from the payload samples)', () => {
    const implemented = Object.keys(webApiMethods).sort();
    const undocumented = implemented.filter((m) => openApi.paths[`/${m}`] === undefined);
    expect(undocumented.sort()).toEqual(Object.keys(ONLY_IN_SAMPLES).sort());
    for (const [method, file] of Object.entries(ONLY_IN_SAMPLES)) expect(sample(file), method).toBeTypeOf('object');
  });

  it("enforces the spec's required parameters with Slack's errors", async () => {
    const ts = await parentTs();
    const social = slack.channels.social as string;
    const alice = slack.users.alice?.id as string;
    const modal = JSON.stringify(replyModal('conv_1'));
    const openTrigger = await freshTrigger(ts);
    const pushTrigger = await freshTrigger(ts);
    const valid: Record<string, Record<string, string>> = {
      'auth.test': {},
      'chat.postMessage': { channel: social, text: 'hello' },
      'chat.update': { channel: social, ts, text: 'edited' },
      'chat.postEphemeral': { channel: social, user: alice, text: 'psst' },
      'chat.getPermalink': { channel: social, message_ts: ts },
      'views.open': { trigger_id: openTrigger, view: modal },
      'views.push': { trigger_id: pushTrigger, view: modal },
      'views.publish': { user_id: alice, view: JSON.stringify({ type: 'home', blocks: [] }) },
      'views.update': {},
      'conversations.info': { channel: social },
      'conversations.history': { channel: social },
      'conversations.replies': { channel: social, ts },
      'conversations.join': { channel: social },
      'conversations.open': { users: alice },
      'conversations.members': { channel: social },
      'users.info': { user: alice },
      'usergroups.list': {},
      'usergroups.users.list': { usergroup: slack.usergroups.billing?.id as string },
      'reactions.add': { channel: social, name: 'eyes', timestamp: ts },
    };
    const documented = Object.keys(webApiMethods).filter((m) => !(m in ONLY_IN_SAMPLES));
    expect(Object.keys(valid).sort()).toEqual(documented.sort());

    for (const method of documented) {
      const op = operation(method);
      const required = (op.parameters ?? []).filter((p) => p.required && p.name !== 'token').map((p) => p.name);
      const known = op.responses.default?.schema?.properties?.error?.enum;
      for (const name of required) {
        const args = { ...valid[method] };
        expect(args, `${method} test arguments cover ${name}`).toHaveProperty(name);
        delete args[name];
        const answer = await raw(method, args);
        expect(answer.ok, `${method} without ${name}`).toBe(false);
        if (known) expect([...known, 'invalid_arguments'], `${method} without ${name}: ${String(answer.error)}`).toContain(answer.error);
      }
    }
    for (const method of documented.filter((m) => m !== 'views.update')) {
      expect(await raw(method, valid[method] ?? {}), method).toMatchObject({ ok: true });
    }
  });

  it('answers the main methods with the fields of the spec examples and schemas', async () => {
    const ts = await parentTs();
    const social = slack.channels.social as string;
    const alice = slack.users.alice?.id as string;
    await web.chat.postMessage({ channel: social, thread_ts: ts, text: 'reply' });
    const trigger = await freshTrigger(ts);
    const answers: Record<string, Record<string, unknown>> = {
      'auth.test': await raw('auth.test', {}),
      'chat.postMessage': await raw('chat.postMessage', { channel: social, text: 'hi' }),
      'chat.update': await raw('chat.update', { channel: social, ts, text: 'edited' }),
      'chat.postEphemeral': await raw('chat.postEphemeral', { channel: social, user: alice, text: 'psst' }),
      'chat.getPermalink': await raw('chat.getPermalink', { channel: social, message_ts: ts }),
      'views.open': await raw('views.open', { trigger_id: trigger, view: JSON.stringify(replyModal('m')) }),
      'views.publish': await raw('views.publish', { user_id: alice, view: JSON.stringify({ type: 'home', blocks: [] }) }),
      'conversations.info': await raw('conversations.info', { channel: social, include_locale: 'true' }),
      'conversations.history': await raw('conversations.history', { channel: social, limit: '1' }),
      'conversations.replies': await raw('conversations.replies', { channel: social, ts, limit: '1' }),
      'conversations.join': await raw('conversations.join', { channel: social }),
      'conversations.open': await raw('conversations.open', { users: alice }),
      'conversations.members': await raw('conversations.members', { channel: social, limit: '2' }),
      'users.info': await raw('users.info', { user: alice }),
      'usergroups.list': await raw('usergroups.list', { include_count: 'true' }),
      'usergroups.users.list': await raw('usergroups.users.list', { usergroup: slack.usergroups.billing?.id as string }),
      'reactions.add': await raw('reactions.add', { channel: social, name: 'eyes', timestamp: ts }),
    };
    for (const [method, answer] of Object.entries(answers)) {
      expect(answer.ok, `${method}: ${JSON.stringify(answer)}`).toBe(true);
      expect(missingNames(answer, example(method)), `${method} top-level fields`).toEqual([]);
      const schema = operation(method).responses['200']?.schema;
      for (const path of requiredPaths(schema)) expect(hasPath(answer, path), `${method} ${path}`).toBe(true);
    }
    const nested = (method: string, key: string): [unknown, unknown] => {
      const ours = answers[method]?.[key];
      const theirs = example(method)[key];
      return Array.isArray(ours) ? [ours[0], (theirs as unknown[])[0]] : [ours, theirs];
    };
    expect(missingNames(...nested('conversations.info', 'channel'))).toEqual([]);
    expect(missingNames(...nested('users.info', 'user'))).toEqual([]);
    expect(
      missingNames((answers['users.info']?.user as Record<string, unknown>).profile, (example('users.info').user as Record<string, unknown>).profile),
    ).toEqual([]);
    expect(missingNames(...nested('views.open', 'view'))).toEqual([]);
    expect(missingNames(...nested('usergroups.list', 'usergroups'))).toEqual([]);
  });

  it('uses only field names Slack uses, per the payload samples and spec examples', async () => {
    const social = slack.channels.social as string;
    const alice = slack.users.alice?.id as string;
    const withSamples: Array<[string, Record<string, unknown>, string]> = [
      ['auth.test', await raw('auth.test', {}), 'webapi-response.auth.test'],
      ['users.info', await raw('users.info', { user: alice }), 'webapi-response.users.info'],
      ['conversations.info', await raw('conversations.info', { channel: social, include_num_members: 'true' }), 'webapi-response.conversations.info'],
      ['chat.getPermalink', await raw('chat.getPermalink', { channel: social, message_ts: await parentTs() }), 'webapi-response.chat.getPermalink'],
      ['chat.postEphemeral', await raw('chat.postEphemeral', { channel: social, user: alice, text: 'x' }), 'webapi-response.chat.postEphemeral'],
      ['apps.connections.open', await raw('apps.connections.open', {}), 'webapi-response.apps.connections.open'],
    ];
    const upload = await raw('files.getUploadURLExternal', { filename: 'notes.txt', length: '5' });
    withSamples.push(['files.getUploadURLExternal', upload, 'webapi-response.files.getUploadURLExternal']);
    await fetch(String(upload.upload_url), { method: 'POST', body: 'hello' });
    const completed = await raw('files.completeUploadExternal', { files: JSON.stringify([{ id: upload.file_id, title: 'Notes' }]), channel_id: social });
    withSamples.push(['files.completeUploadExternal', completed, 'webapi-response.files.completeUploadExternal']);

    for (const [method, answer, file] of withSamples) {
      expect(answer.ok, `${method}: ${JSON.stringify(answer)}`).toBe(true);
      const references = method in ONLY_IN_SAMPLES ? [sample(file)] : [sample(file), example(method)];
      expect(unknownNames(answer, references), method).toEqual([]);
    }
    expect(completed).toMatchObject({ files: [{ id: upload.file_id, title: 'Notes', channels: [social] }] });
    expect(missingNames(upload, sample('webapi-response.files.getUploadURLExternal'), ['error', 'needed', 'provided', 'warning', 'response_metadata'])).toEqual(
      [],
    );
  });
});

describe('conformance of what the driver sends with the Events API descriptions and payload samples', () => {
  it('sends events and interactions shaped like Slack', async () => {
    app.received.length = 0;
    const ts = await parentTs();
    await slack.idle();
    app.received.length = 0;
    await slack.driver.postMessage({ user: 'alice', channel: 'social', text: `<@${slack.botUserId}> can you check this?`, threadTs: ts });
    await slack.driver.openAppHome('alice');
    const click = await slack.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'reply' });
    await web.views.open({ trigger_id: click.triggerId, view: { ...replyModal('conv_1'), notify_on_close: true } as never });
    await slack.driver.submitView({ user: 'alice', values: { text: 'Thanks for waiting!' } });
    const again = await slack.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'reply' });
    await web.views.open({ trigger_id: again.triggerId, view: { ...replyModal('conv_1'), notify_on_close: true } as never });
    await slack.driver.closeView({ user: 'alice' });
    await slack.driver.selectOption({ user: 'alice', channel: 'social', ts, actionId: 'more', value: 'spam' });
    await slack.driver.messageShortcut({ user: 'alice', channel: 'social', ts, callbackId: 'send_publicly' });
    await slack.driver.slashCommand({ user: 'alice', channel: 'social', command: '/social', text: 'queue' });

    const events = app.received.filter((r) => r.contentType === 'application/json').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const forms = app.received.filter((r) => r.contentType === 'application/x-www-form-urlencoded').map((r) => new URLSearchParams(r.body));
    const interactions = forms.filter((f) => f.has('payload')).map((f) => JSON.parse(f.get('payload') as string) as Record<string, unknown>);
    const commands = forms.filter((f) => !f.has('payload')).map((f) => Object.fromEntries(f));

    const validate = new Ajv({ strict: false }).compile(loadApiSpec('slack-event-wrapper.schema.json') as object);
    for (const envelope of events) expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    const byEvent = (type: string): Record<string, unknown> => {
      const found = events.find((e) => (e.event as { type: string }).type === type);
      if (!found) throw new Error(`no ${type} event delivered`);
      return found;
    };
    const byType = (type: string): Record<string, unknown> => {
      const found = interactions.find((p) => p.type === type);
      if (!found) throw new Error(`no ${type} interaction delivered`);
      return found;
    };
    // Block Kit inside payloads is checked by the validator, and the samples' state/view.state are empty placeholders;
    // every other name must be one Slack uses.
    const blocks = ['.event.blocks', '.message.blocks', '.view.blocks', '.event.view.blocks'];
    const checks: Array<[string, Record<string, unknown>, string, string[]]> = [
      ['message event', byEvent('message'), 'event.MessagePayload', ['enterprise_id', 'authed_teams']],
      ['app_mention event', byEvent('app_mention'), 'event.AppMentionPayload', ['enterprise_id', 'authed_teams']],
      ['app_home_opened event', byEvent('app_home_opened'), 'event.AppHomeOpenedPayload', ['enterprise_id', 'authed_teams']],
      [
        'block_actions',
        byType('block_actions'),
        'interaction.BlockActionPayload',
        ['view', 'app_unfurl', 'bot_access_token', 'function_data', 'interactivity'],
      ],
      ['view_submission', byType('view_submission'), 'interaction.ViewSubmissionPayload', ['bot_access_token', 'function_data', 'interactivity', 'is_cleared']],
      ['view_closed', byType('view_closed'), 'interaction.ViewClosedPayload', ['bot_access_token', 'function_data', 'interactivity', 'trigger_id']],
      ['message_action', byType('message_action'), 'interaction.MessageShortcutPayload', []],
      ['slash command', commands[0] ?? {}, 'interaction.SlashCommandPayload', ['enterprise_id', 'enterprise_name']],
    ];
    for (const [label, ours, file, notApplicable] of checks) {
      expect(
        unknownNames(ours, [sample(file)], [...blocks, '.state', '.view.state', '.event.view.state', '.actions']),
        `${label}: names not in ${file}`,
      ).toEqual([]);
      expect(missingNames(ours, sample(file), notApplicable), `${label}: fields of ${file} missing`).toEqual([]);
    }
    const sampleAction = (sample('interaction.BlockActionPayload').actions as unknown[])[0];
    for (const payload of interactions.filter((p) => p.type === 'block_actions')) {
      expect(unknownNames((payload.actions as unknown[])[0], [sampleAction]), 'block_actions action item').toEqual([]);
    }
    expect(byType('view_submission')).toMatchObject({
      view: { state: { values: { reply: { text: { type: 'plain_text_input', value: 'Thanks for waiting!' } } } } },
    });
    expect((byEvent('message').event as Record<string, unknown>).thread_ts).toBe(ts);
  });
});
