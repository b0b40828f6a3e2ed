import type { Server } from 'node:http';
import type { EmulatorCore, EmulatorSecrets } from './core.js';
import { HttpTransport } from './delivery/http.js';
import { SocketTransport } from './delivery/socket.js';
import { SlackDriver } from './driver.js';
import { EventDispatcher } from './events.js';
import { Faults } from './faults.js';
import { IdFactory, TsClock, randomSecret } from './ids.js';
import { type SlackEmulatorOptions, emulatorOptionsSchema } from './options.js';
import { RateLimiter } from './rate-limits.js';
import { ResponseUrlRegistry } from './response-urls.js';
import { startServer } from './server.js';
import type { StateInspection } from './state.js';
import { TriggerRegistry } from './triggers.js';
import type { SlackTeam, SlackUser, SlackUsergroup } from './types.js';
import { webApiMethods } from './web-api/index.js';
import { seedWorkspace } from './workspace.js';

export type { SlackEmulatorOptions } from './options.js';
export { AppResponseError, SlackDriverError } from './driver-errors.js';
export type { SlackDriver, ElementTarget, ViewValues, ViewSubmissionResult, InteractionResult, SlashCommandResult, PostMessageResult } from './driver.js';
export type { StateInspection, ChannelSnapshot } from './state.js';
export type { Faults } from './faults.js';
export type { DeliveryOutcome } from './delivery/transport.js';
export { signRequest } from './signing.js';
export * from './types.js';

export interface SlackEmulator {
  /** Base URL for @slack/web-api / Bolt `clientOptions.slackApiUrl`: http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  botUserId: string;
  botId: string;
  appId: string;
  team: SlackTeam;
  /** People by user name (alice, bob, …), plus the bot user under its name. */
  users: Record<string, SlackUser>;
  /** Channel ids by name (social, general, …). */
  channels: Record<string, string>;
  /** User groups by handle (billing, …). */
  usergroups: Record<string, SlackUsergroup>;
  /** Read-only view of the workspace for assertions (copies). */
  state: StateInspection;
  driver: SlackDriver;
  faults: Faults;
  deliveryMode: 'http' | 'socket';
  /** Where HTTP deliveries go (the app's `/slack/events`); may be set after the app has started. */
  setRequestUrl(url: string): void;
  /** Several Request URLs: replicas behind a load balancer (each delivery to the next; one refusing connections is passed over). */
  setRequestUrls(urls: readonly string[]): void;
  /** Socket Mode: resolves when the app has connected (false after the timeout). */
  waitForSocketConnection(timeoutMs?: number): Promise<boolean>;
  /** Socket Mode: Slack's "disconnect" message (clients reconnect through apps.connections.open). */
  requestSocketReconnect(): void;
  /** Socket Mode: an outage of Slack's socket servers (connections dropped, reconnections refused) starts or ends. */
  setSocketOutage(down: boolean): void;
  /** Waits for deliveries caused by the app's own calls (e.g. the echo of its messages). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts a Slack workspace on 127.0.0.1 (random port) with the Web API, deliveries to the app, and a driver. */
export async function startSlackEmulator(input: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const options = emulatorOptionsSchema.parse(input);
  const ids = new IdFactory();
  const { state, app } = seedWorkspace(options, ids);
  const secrets: EmulatorSecrets = {
    botToken: options.botToken ?? `xoxb-${Date.now()}-${randomSecret(8)}`,
    appToken: options.appToken ?? `xapp-1-${app.appId}-${Date.now()}-${randomSecret(16)}`,
    signingSecret: options.signingSecret ?? randomSecret(16),
    verificationToken: randomSecret(12),
  };
  const socket = new SocketTransport(app.appId, options.timings);
  const http = new HttpTransport(options.delivery.mode === 'http' ? options.delivery.requestUrl : undefined, secrets.signingSecret, options.timings);
  const transport = options.delivery.mode === 'socket' ? socket : http;
  const subscriptions = new Set(options.subscriptions);
  let baseUrl = '';
  const core: EmulatorCore = {
    state,
    app,
    secrets,
    ids,
    clock: new TsClock(),
    triggers: new TriggerRegistry(state.team.id.slice(1), options.timings.triggerTtlMs),
    responseUrls: new ResponseUrlRegistry({ ttlMs: options.timings.responseUrlTtlMs, maxUses: options.timings.responseUrlMaxUses }),
    faults: new Faults(),
    rateLimiter: new RateLimiter(options.rateLimits),
    events: new EventDispatcher({ state, app, secrets, ids, subscriptions }, transport),
    baseUrl: () => baseUrl,
    issueSocketUrl: () => socket.issueUrl(baseUrl),
  };
  const listening = await startServer(core, webApiMethods, socket);
  baseUrl = listening.baseUrl;

  const byName = <T extends { name: string }>(list: T[]): Record<string, T> => Object.fromEntries(list.map((item) => [item.name, item]));
  return {
    apiUrl: `${baseUrl}/api/`,
    botToken: secrets.botToken,
    appToken: secrets.appToken,
    signingSecret: secrets.signingSecret,
    botUserId: app.botUserId,
    botId: app.botId,
    appId: app.appId,
    team: { ...state.team },
    users: byName([...state.users.values()]),
    channels: Object.fromEntries([...state.channelsById.values()].map((c) => [c.name, c.id])),
    usergroups: Object.fromEntries([...state.usergroupsById.values()].map((g) => [g.handle, g])),
    state,
    driver: new SlackDriver(core),
    faults: core.faults,
    deliveryMode: transport.mode,
    setRequestUrl: (url) => http.setRequestUrl(url),
    setRequestUrls: (urls) => http.setRequestUrls(urls),
    waitForSocketConnection: (timeoutMs = options.timings.ackTimeoutMs) => socket.waitForConnection(timeoutMs),
    requestSocketReconnect: () => socket.requestReconnect(),
    setSocketOutage: (down) => socket.setOutage(down),
    idle: () => core.events.idle(),
    close: async () => {
      await Promise.all([http.close(), socket.close()]);
      await core.events.idle();
      await closeServer(listening.server);
    },
  };
}
