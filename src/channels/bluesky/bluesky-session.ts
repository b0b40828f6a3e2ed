import { AtpAgent, type AtpSessionData } from '@atproto/api';
import { z } from 'zod';
import type { Logger } from '../../log/create-logger.js';
import type { SessionVault } from '../session-vault.js';

export interface BlueskyCredentials {
  /** The account's handle, email or DID. */
  identifier: string;
  /** An app password (Settings → Privacy and security → App passwords), never the account password. */
  appPassword: string;
}

export interface BlueskySessionOptions {
  service: string;
  credentials: BlueskyCredentials;
  logger: Logger;
  readTimeoutMs: number;
  writeTimeoutMs: number;
  /** Keeps the session across restarts; without it every start logs in. */
  vault?: SessionVault | undefined;
}

/** An agent logged in as the watched account, and the way to make sure it still is. */
export interface BlueskySession {
  readonly agent: AtpAgent;
  /**
   * Logs in when no session is held (resuming the one kept from before a restart, when the PDS still
   * takes it); otherwise reuses it (the agent refreshes an expired access token itself).
   */
  ensureLoggedIn(): Promise<AtpSessionData>;
}

/**
 * createSession is limited to 30 per 5 minutes and 300 per day per account, so the session is
 * created once and kept: @atproto/api refreshes the access token on ExpiredToken, and only a
 * session the PDS no longer accepts (refresh token expired or revoked) leads to a new login. The
 * session is kept in the vault whenever it changes (refresh tokens are single-use), so a restart
 * resumes it instead of logging in.
 */
export function createBlueskySession({ service, credentials, logger, readTimeoutMs, writeTimeoutMs, vault }: BlueskySessionOptions): BlueskySession {
  // One vault write at a time, in the order the sessions came: the last one kept is the one in use.
  let keeping = Promise.resolve();
  const keep = (action: () => Promise<void>) => {
    keeping = keeping.then(action).catch((error: unknown) => logger.warn({ err: error }, 'could not keep the Bluesky session for the next start'));
  };
  const agent = new AtpAgent({
    service,
    fetch: fetchWithDeadline(readTimeoutMs, writeTimeoutMs),
    persistSession: (event, session) => {
      if (event === 'expired' || event === 'network-error') logger.warn({ event }, 'the Bluesky session ended; Earshot logs in again on its next call');
      if (event === 'create-failed') logger.error('Bluesky refused the login with BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD');
      if (!vault) return;
      if ((event === 'create' || event === 'update') && session) keep(() => vault.save(JSON.stringify(session)));
      if (event === 'expired') keep(() => vault.clear());
    },
  });
  let login: Promise<AtpSessionData> | undefined;
  let resumeTried = false;

  /** The session kept before a restart, once per process: later sessions end only when the PDS refuses them. */
  async function resumeKept(): Promise<AtpSessionData | undefined> {
    if (!vault || resumeTried) return undefined;
    resumeTried = true;
    const stored = await vault.load().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not read the kept Bluesky session; logging in');
      return undefined;
    });
    const kept = keptSessionSchema.safeParse(parseJson(stored));
    if (!kept.success) return undefined;
    try {
      await agent.resumeSession(kept.data);
      logger.info({ handle: kept.data.handle }, 'resumed the Bluesky session kept from before the restart');
      return agent.session;
    } catch (error) {
      logger.info({ err: error }, 'Bluesky no longer takes the kept session; logging in');
      return undefined;
    }
  }

  async function logIn(): Promise<AtpSessionData> {
    const { data } = await agent.login({ identifier: credentials.identifier, password: credentials.appPassword });
    logger.info({ handle: data.handle }, 'logged in to Bluesky');
    if (!agent.session) throw new Error('Bluesky accepted the login but returned no session');
    return agent.session;
  }

  return {
    agent,
    async ensureLoggedIn() {
      if (agent.session) return agent.session;
      login ??= resumeKept()
        .then((resumed) => resumed ?? logIn())
        .finally(() => {
          login = undefined;
        });
      return login;
    },
  };
}

const keptSessionSchema = z.looseObject({
  did: z.string(),
  handle: z.string(),
  accessJwt: z.string(),
  refreshJwt: z.string(),
  active: z.boolean(),
});

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every call gets a deadline: reads the read timeout, writes (POST) the write timeout, whose outcome is then unknown. */
function fetchWithDeadline(readTimeoutMs: number, writeTimeoutMs: number): typeof globalThis.fetch {
  return (input, init) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const deadline = AbortSignal.timeout(method.toUpperCase() === 'POST' ? writeTimeoutMs : readTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return globalThis.fetch(input, { ...init, signal });
  };
}
