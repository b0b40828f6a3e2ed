import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadApiSpec } from './support/api-specs.js';

/** The parts of the manifest these tests read; the schema test checks the whole of it. */
interface Manifest {
  features: { slash_commands: Array<{ command: string }>; shortcuts: unknown[]; app_home: { home_tab_enabled: boolean } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
  oauth_config: { scopes: { bot: string[] } };
}

const manifest = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it("is a valid Slack app manifest by Slack's published schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(loadApiSpec('slack-app-manifest.schema.json') as object);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('declares everything Earshot uses', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(['/social', '/socialreport']);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: 'send_publicly' })]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.channels', 'app_home_opened']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'commands', 'channels:history', 'im:write', 'usergroups:read', 'users:read', 'files:write']),
    );
  });
});
