import { ConfigError, loadConfig } from '../../src/config/load-config.js';

/** The smallest environment Earshot starts with (Socket Mode). */
export const completeEnvironment = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
  SLACK_CHANNEL: 'C0SOCIAL',
  X_API_KEY: 'key',
  X_API_SECRET: 'key-secret',
  X_ACCESS_TOKEN: 'token',
  X_ACCESS_SECRET: 'token-secret',
};

/** The lines a bad environment is refused with. */
export function configProblemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
