import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment, secretsOf } from '../../src/config/load-config.js';
import { completeEnvironment as complete, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

describe('loadConfig', () => {
  it('names every missing variable, one line each', () => {
    const problems = problemsOf({});
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_CHANNEL', 'X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET', 'SLACK_SIGNING_SECRET']) {
      expect(problems.filter((line) => line.startsWith(`${name}: `))).toHaveLength(1);
    }
  });

  it('says what is expected of a malformed value', () => {
    const problems = problemsOf({
      ...complete,
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_CHANNEL: '#social',
      PORT: 'eighty',
      SLACK_MODE: 'websocket',
      X_POLL_INTERVAL_SECONDS: '0',
      X_API_URL: 'not a url',
      DATABASE_URL: 'mysql://localhost/earshot',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'SLACK_BOT_TOKEN: expected the Slack bot token starting with "xoxb-"',
      'SLACK_MODE: expected "socket" or "http"',
      'SLACK_CHANNEL: expected a Slack channel id such as C0123456789 (not a #name)',
      'PORT: expected a TCP port number',
      'X_API_URL: expected the X API v2 base URL as an https:// URL',
      'X_POLL_INTERVAL_SECONDS: expected a whole number of seconds',
      'DATABASE_URL: expected a postgresql:// connection string',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it("refuses .env.example's placeholders and an X API that is not HTTPS, every problem in one pass", () => {
    expect(
      problemsOf({
        ...complete,
        SLACK_BOT_TOKEN: 'xoxb-...',
        SLACK_APP_TOKEN: 'xapp-...',
        SLACK_CHANNEL: 'C0123456789',
        X_API_KEY: '<your key>',
        X_API_URL: 'http://127.0.0.1:9999/2/',
      }),
    ).toEqual([
      'SLACK_BOT_TOKEN: still the example value from .env.example: put in the real one',
      'SLACK_APP_TOKEN: still the example value from .env.example: put in the real one',
      'SLACK_CHANNEL: still the example value from .env.example: put in the real one',
      'X_API_KEY: still the example value from .env.example: put in the real one',
      'X_API_URL: expected the X API v2 base URL as an https:// URL',
    ]);
  });

  it('uses Socket Mode when an app token is set, with the documented defaults', () => {
    const config = loadConfig(complete);
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.x?.apiUrl).toBe('https://api.x.com/2/');
    expect(config.x?.pollIntervalSeconds).toBe(60);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(config.slack)).toBe(true);
  });

  it('needs the signing secret in HTTP mode and the app token in socket mode', () => {
    const { SLACK_APP_TOKEN: _appToken, ...withoutAppToken } = complete;
    expect(problemsOf(withoutAppToken)).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required/)]);
    expect(problemsOf({ ...withoutAppToken, SLACK_MODE: 'socket' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: required in socket mode/)]);
    const http = loadConfig({ ...withoutAppToken, SLACK_SIGNING_SECRET: 'signing', PORT: '8080', X_API_URL: 'https://127.0.0.1:4443/2' });
    expect(http.slack.mode).toBe('http');
    expect(http.port).toBe(8080);
    expect(http.x?.apiUrl).toBe('https://127.0.0.1:4443/2/');
  });

  it('has a deadline for every outbound call: X reads 10 s, writes 15 s, a whole poll 60 s, Slack 10 s, each configurable', () => {
    expect(loadConfig(complete).x).toMatchObject({ readTimeoutMs: 10_000, writeTimeoutMs: 15_000, pollTimeoutMs: 60_000 });
    expect(loadConfig(complete).slack.timeoutMs).toBe(10_000);
    const short = loadConfig({
      ...complete,
      X_READ_TIMEOUT_SECONDS: '0.5',
      X_WRITE_TIMEOUT_SECONDS: '2',
      X_POLL_TIMEOUT_SECONDS: '3',
      SLACK_TIMEOUT_SECONDS: '4',
    });
    expect(short.x).toMatchObject({ readTimeoutMs: 500, writeTimeoutMs: 2_000, pollTimeoutMs: 3_000 });
    expect(short.slack.timeoutMs).toBe(4_000);
    expect(problemsOf({ ...complete, X_READ_TIMEOUT_SECONDS: '0', SLACK_TIMEOUT_SECONDS: 'forever', X_POLL_TIMEOUT_SECONDS: '3600' })).toEqual([
      'SLACK_TIMEOUT_SECONDS: expected a number of seconds, e.g. 10',
      'X_READ_TIMEOUT_SECONDS: expected a number of seconds, e.g. 10',
      'X_POLL_TIMEOUT_SECONDS: expected at most 600 seconds',
    ]);
    expect(problemsOf({ ...complete, X_READ_TIMEOUT_SECONDS: '10', X_WRITE_TIMEOUT_SECONDS: '20' })).toEqual([
      'X_WRITE_TIMEOUT_SECONDS: expected X_READ_TIMEOUT_SECONDS + X_WRITE_TIMEOUT_SECONDS of at most 25 s: a reply still being sent after 30 s is taken for crashed and retried',
    ]);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ ...complete, DATABASE_URL: '', PORT: ' ' }).port).toBe(3000);
  });

  it('lists the secrets the logger must scrub, including a database password', () => {
    const config = loadConfig({ ...complete, DATABASE_URL: 'postgresql://earshot:s3cr3t-pw@db/earshot' });
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['xoxb-1-2-abc', 'xapp-1-A1-xyz', 'key-secret', 'token-secret', 's3cr3t-pw']));
  });
});

describe('readEnvironment', () => {
  it('reads a .env file, with real variables taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'earshot-env-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'SLACK_CHANNEL=CFROMFILE\nPORT=4000\n# comment\n');
    expect(readEnvironment({ PORT: '5000' }, file)).toMatchObject({ SLACK_CHANNEL: 'CFROMFILE', PORT: '5000' });
    expect(readEnvironment({ PORT: '5000' }, path.join(dir, 'missing.env'))).toEqual({ PORT: '5000' });
  });
});
