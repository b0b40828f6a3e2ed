import { AtpAgent, type AtpSessionData } from '@atproto/api';
import type { Logger } from '../../log/create-logger.js';

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
}

/** An agent logged in as the watched account, and the way to make sure it still is. */
export interface BlueskySession {
  readonly agent: AtpAgent;
  /** Logs in when no session is held; otherwise reuses it (the agent refreshes an expired access token itself). */
  ensureLoggedIn(): Promise<AtpSessionData>;
}

/**
 * createSession is limited to 30 per 5 minutes and 300 per day per account, so the session is
 * created once and kept: @atproto/api refreshes the access token on ExpiredToken, and only a
 * session the PDS no longer accepts (refresh token expired or revoked) leads to a new login.
 */
export function createBlueskySession({ service, credentials, logger, readTimeoutMs, writeTimeoutMs }: BlueskySessionOptions): BlueskySession {
  const agent = new AtpAgent({
    service,
    fetch: fetchWithDeadline(readTimeoutMs, writeTimeoutMs),
    persistSession: (event) => {
      if (event === 'expired' || event === 'network-error') logger.warn({ event }, 'the Bluesky session ended; Earshot logs in again on its next call');
      if (event === 'create-failed') logger.error('Bluesky refused the login with BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD');
    },
  });
  let login: Promise<AtpSessionData> | undefined;

  return {
    agent,
    async ensureLoggedIn() {
      if (agent.session) return agent.session;
      login ??= agent
        .login({ identifier: credentials.identifier, password: credentials.appPassword })
        .then(({ data }) => {
          logger.info({ handle: data.handle }, 'logged in to Bluesky');
          if (!agent.session) throw new Error('Bluesky accepted the login but returned no session');
          return agent.session;
        })
        .finally(() => {
          login = undefined;
        });
      return login;
    },
  };
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
