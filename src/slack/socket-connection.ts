export interface SocketConnection {
  /** Since when Earshot has had no Socket Mode connection to Slack; undefined while connected. */
  disconnectedSince(): Date | undefined;
}

/** Follows a Socket Mode client's connection (`@slack/socket-mode` emits these state names). */
export function watchSocketConnection(client: { on(state: string, listener: () => void): unknown }, now: () => Date = () => new Date()): SocketConnection {
  let since: Date | undefined = now();
  const lost = () => {
    since ??= now();
  };
  client.on('connected', () => {
    since = undefined;
  });
  for (const state of ['connecting', 'reconnecting', 'disconnecting', 'disconnected', 'close']) client.on(state, lost);
  return { disconnectedSince: () => since };
}
