import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config/load-config.js';
import { completeEnvironment as complete, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

const meta = { META_APP_SECRET: '0123456789abcdef0123456789ABCDEF', META_VERIFY_TOKEN: 'a-token-we-chose' };

describe('Meta webhook configuration', () => {
  it('is off by default; processed deliveries are kept 7 days', () => {
    const config = loadConfig(complete);
    expect(config.meta).toBeUndefined();
    expect(config.webhooks).toEqual({ retentionDays: 7 });
  });

  it('reads the app secret and the verify token, and treats both as secrets', () => {
    const config = loadConfig({ ...complete, ...meta, WEBHOOK_RETENTION_DAYS: '3' });
    expect(config.meta).toEqual({ appSecret: meta.META_APP_SECRET, verifyToken: meta.META_VERIFY_TOKEN });
    expect(config.webhooks.retentionDays).toBe(3);
    expect(secretsOf(config)).toEqual(expect.arrayContaining([meta.META_APP_SECRET, meta.META_VERIFY_TOKEN]));
  });

  it('refuses one without the other, naming what is missing', () => {
    expect(problemsOf({ ...complete, META_APP_SECRET: meta.META_APP_SECRET })).toEqual([
      'META_VERIFY_TOKEN: required with META_APP_SECRET: Meta webhooks need META_APP_SECRET and META_VERIFY_TOKEN (missing: META_VERIFY_TOKEN)',
    ]);
    expect(problemsOf({ ...complete, META_VERIFY_TOKEN: meta.META_VERIFY_TOKEN, META_APP_SECRET: ' ' })).toEqual([
      'META_APP_SECRET: required with META_VERIFY_TOKEN: Meta webhooks need META_APP_SECRET and META_VERIFY_TOKEN (missing: META_APP_SECRET)',
    ]);
  });

  it('refuses placeholders and something that is not an app secret', () => {
    expect(problemsOf({ ...complete, ...meta, META_APP_SECRET: '...', META_VERIFY_TOKEN: '<your verify token>' })).toEqual([
      'META_APP_SECRET: still the example value from .env.example: put in the real one',
      'META_VERIFY_TOKEN: still the example value from .env.example: put in the real one',
    ]);
    expect(problemsOf({ ...complete, ...meta, META_APP_SECRET: 'EAAGm0PX4ZCpsBA' })).toEqual([
      'META_APP_SECRET: expected the Meta app secret (App settings → Basic → App secret: 32 hexadecimal characters)',
    ]);
    expect(problemsOf({ ...complete, WEBHOOK_RETENTION_DAYS: '0' })).toEqual(['WEBHOOK_RETENTION_DAYS: expected a whole number of days']);
  });
});
