import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config/load-config.js';
import { completeEnvironment, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

const { X_API_KEY: _key, X_API_SECRET: _secret, X_ACCESS_TOKEN: _token, X_ACCESS_SECRET: _tokenSecret, ...slackOnly } = completeEnvironment;
const bluesky = { BLUESKY_IDENTIFIER: 'acme-support.bsky.social', BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop' };

describe('the networks Earshot watches', () => {
  it('starts with Bluesky alone, on bsky.social unless told otherwise, and keeps its app password out of logs', () => {
    const config = loadConfig({ ...slackOnly, ...bluesky });
    expect(config.x).toBeUndefined();
    expect(config.bluesky).toMatchObject({
      identifier: 'acme-support.bsky.social',
      service: 'https://bsky.social',
      pollIntervalSeconds: 60,
      writeTimeoutMs: 15_000,
    });
    expect(secretsOf(config)).toContain('abcd-efgh-ijkl-mnop');
  });

  it('watches both networks when both are configured', () => {
    const config = loadConfig({ ...completeEnvironment, ...bluesky, BLUESKY_SERVICE: 'http://127.0.0.1:2583' });
    expect(config.x?.apiKey).toBe('key');
    expect(config.bluesky?.service).toBe('http://127.0.0.1:2583');
  });

  it('says one network is needed when none is configured', () => {
    expect(problemsOf(slackOnly)).toContain(
      'environment: no network configured: set X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET for X, BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD for Bluesky, META_PAGE_ID and META_PAGE_TOKEN for a Facebook Page, or INSTAGRAM_ACCOUNT_ID and META_PAGE_TOKEN for Instagram (any one is enough)',
    );
  });

  it('starts with a Facebook Page or an Instagram account alone, on graph.facebook.com unless told otherwise, and keeps the Page token out of logs', () => {
    const facebook = loadConfig({ ...slackOnly, META_PAGE_ID: '108000000000001', META_PAGE_TOKEN: 'EAAsecretpagetoken' });
    expect(facebook.x).toBeUndefined();
    expect(facebook.metaAccounts).toMatchObject({
      facebookPageId: '108000000000001',
      instagramAccountId: undefined,
      graphUrl: 'https://graph.facebook.com/v21.0',
      pollIntervalSeconds: 300,
    });
    expect(secretsOf(facebook)).toContain('EAAsecretpagetoken');
    const instagram = loadConfig({ ...slackOnly, INSTAGRAM_ACCOUNT_ID: '17841000000000002', META_PAGE_TOKEN: 'EAAsecretpagetoken' });
    expect(instagram.metaAccounts).toMatchObject({ facebookPageId: undefined, instagramAccountId: '17841000000000002' });
  });

  it('says what Facebook and Instagram miss: the Page token, which account, ids as digits, Graph over HTTPS', () => {
    expect(problemsOf({ ...slackOnly, META_PAGE_ID: '108000000000001' })).toEqual([
      'META_PAGE_TOKEN: required: a Page access token of the watched Facebook Page',
    ]);
    expect(problemsOf({ ...slackOnly, INSTAGRAM_ACCOUNT_ID: '17841000000000002' })).toEqual([
      'META_PAGE_TOKEN: required: a Page access token of the Facebook Page the Instagram account is linked to',
    ]);
    expect(problemsOf({ ...slackOnly, META_PAGE_TOKEN: 'EAAsecretpagetoken' })).toEqual([
      'META_PAGE_ID: META_PAGE_TOKEN is set without META_PAGE_ID or INSTAGRAM_ACCOUNT_ID: say which Facebook Page and/or Instagram account to watch',
    ]);
    expect(problemsOf({ ...slackOnly, META_PAGE_ID: 'acmesupport', META_PAGE_TOKEN: 'EAAsecretpagetoken' })).toEqual([
      'META_PAGE_ID: expected the Facebook Page id (Page → About → Page transparency, or Graph: GET /me with the Page token) (digits only)',
    ]);
    expect(
      problemsOf({ ...slackOnly, META_PAGE_ID: '108000000000001', META_PAGE_TOKEN: 'EAAsecretpagetoken', META_GRAPH_URL: 'http://graph.example.com/v21.0' }),
    ).toEqual([
      'META_GRAPH_URL: expected the Graph API base URL as an https:// URL, e.g. https://graph.facebook.com/v21.0 (http:// only for 127.0.0.1 or localhost)',
    ]);
  });

  it("names a network's missing credentials when only some are set", () => {
    expect(problemsOf({ ...slackOnly, BLUESKY_IDENTIFIER: 'acme-support.bsky.social' })).toEqual([
      'BLUESKY_APP_PASSWORD: required: an app password of the watched Bluesky account',
    ]);
    expect(problemsOf({ ...slackOnly, ...bluesky, X_API_KEY: 'key' })).toEqual([
      'X_API_SECRET: required: the X API key secret (OAuth 1.0a consumer secret)',
      'X_ACCESS_TOKEN: required: the X access token of the watched account',
      'X_ACCESS_SECRET: required: the X access token secret of the watched account',
    ]);
  });

  it('refuses a Bluesky service over plain HTTP except on this machine', () => {
    expect(problemsOf({ ...slackOnly, ...bluesky, BLUESKY_SERVICE: 'http://pds.example.com' })).toEqual([
      'BLUESKY_SERVICE: expected the Bluesky service as an https:// URL, e.g. https://bsky.social (http:// only for 127.0.0.1 or localhost)',
    ]);
    expect(loadConfig({ ...slackOnly, ...bluesky, BLUESKY_SERVICE: 'http://localhost:2583' }).bluesky?.service).toBe('http://localhost:2583');
  });
});
