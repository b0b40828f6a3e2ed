import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../emulators/slack/index.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('deadlines, health and metrics (%s)', (kind) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  const healthz = async (harness: Harness) => {
    const response = await fetch(`http://127.0.0.1:${harness.earshot.port}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { mentionPoll?: { lastSuccessAt: string | null } } };
  };

  it('abandons an X read that never answers, keeps polling, and reports the stale poll on /healthz until polls succeed again', async () => {
    const harness = (h = await startHarness(kind, { env: { X_POLL_INTERVAL_SECONDS: '1', X_READ_TIMEOUT_SECONDS: '0.5' } }));
    await eventually(async () => (await healthz(harness)).body.mentionPoll?.lastSuccessAt, 'a first successful poll');

    // The next two reads of the mentions timeline never answer: with the retry backoff, no poll succeeds for about 7 s.
    harness.x.control.injectFault({ method: 'GET', path: '/2/users/:id/mentions', kind: 'hang', times: 2 });
    const jo = harness.x.control.createUser({ username: 'jo' });
    harness.x.control.post(jo.id, { text: `@${harness.x.brand.username} is anyone there?` });

    const stale = await eventually(async () => {
      const health = await healthz(harness);
      return health.status === 503 && health;
    }, '/healthz to report the stale mention poll');
    expect(stale.body).toMatchObject({
      status: 'unavailable',
      failing: ['mentionPoll'],
      database: 'reachable',
      mentionPoll: { status: 'stale', maxAgeSeconds: 3 },
    });

    await eventually(
      () => harness.slack.state.messages(harness.channelId).find((message) => visibleText(message).includes('is anyone there?')),
      'the mention, posted after the hung reads',
      40_000,
    );
    const recovered = await eventually(async () => {
      const health = await healthz(harness);
      return health.status === 200 && health;
    }, '/healthz back to 200');
    expect(recovered.body).toMatchObject({ status: 'ok', database: 'reachable', mentionPoll: { status: 'fresh' } });
    expect(harness.logs.join('')).toContain('reading mentions from X failed: X did not answer (timeout or dropped connection)');

    await harness.slack.driver.slashCommand({ user: 'carol', channel: harness.channelId, command: '/social', text: 'help' });
    // The thread's job finishes a little after its parent message is posted.
    const metrics = await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${harness.earshot.port}/metrics`)).text();
      return text.includes('earshot_job_duration_seconds_count{job="slack-sync-thread",outcome="completed"}') && text;
    }, 'the sync job in /metrics');
    for (const series of [
      /^earshot_polls_total\{source="mentions"\} \d+/m,
      /^earshot_poll_failures_total\{source="mentions",kind="timeout_unknown_outcome"\} [1-9]/m,
      /^earshot_poll_last_success_timestamp_seconds\{source="mentions"\} \d/m,
      /^earshot_x_calls_total\{endpoint="users\/:id\/mentions",status="timeout"\} [1-9]/m,
      /^earshot_x_calls_total\{endpoint="users\/:id\/mentions",status="2xx"\} [1-9]/m,
      /^earshot_slack_calls_total\{method="chat\.postMessage",status="200"\} [1-9]/m,
      /^earshot_slack_ack_seconds_count\{type="slash_command"\} 1$/m,
      /^earshot_job_duration_seconds_count\{job="slack-sync-thread",outcome="completed"\} [1-9]/m,
      /^earshot_job_last_activity_timestamp_seconds\{job="slack-sync-thread"\} \d/m,
      /^earshot_job_queue_depth\{job="slack-sync-thread",state="created"\} \d+$/m,
      /^earshot_job_queue_depth\{job="x-send-reply",state="active"\} 0$/m,
    ]) {
      expect(metrics).toMatch(series);
    }
    expect((await healthz(harness)).body).toMatchObject({ jobs: { lastActivityAt: expect.stringMatching(/^\d{4}-/) } });
  }, 120_000);

  it('gives up on a reply X never answers after X_WRITE_TIMEOUT_SECONDS, looks it up as an unknown outcome, and posts it once', async () => {
    const harness = (h = await startHarness(kind, { env: { X_WRITE_TIMEOUT_SECONDS: '0.5' } }));
    const jo = harness.x.control.createUser({ username: 'jo' });
    harness.x.control.post(jo.id, { text: `@${harness.x.brand.username} where is my parcel?` });
    await harness.earshot.pollNow();
    const parent = await eventually(() => harness.slack.state.messages(harness.channelId)[0], 'the parent message');

    const ownPostReads = () => harness.x.control.requests({ method: 'GET', path: `/2/users/${harness.x.brand.id}/tweets` }).length;
    const readsBefore = ownPostReads();
    harness.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'hang' });
    await harness.slack.driver.clickButton({ user: 'alice', channel: harness.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => harness.slack.state.openViews(harness.slack.users.alice!.id)[0], 'the reply modal');
    await harness.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it ships tomorrow' } });

    await eventually(
      () => harness.slack.state.thread(harness.channelId, parent.ts).find((message) => message.text.includes('Replied publicly')),
      'the confirmation after the retry',
    );
    expect(harness.x.control.posts({ author: harness.x.brand.id })).toHaveLength(1);
    expect(harness.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(2);
    // The retry looked for the first attempt's reply before posting again.
    expect(ownPostReads()).toBeGreaterThan(readsBefore);
    expect(harness.logs.join('')).toContain('"kind":"timeout_unknown_outcome"');
  });

  it('refuses a Slack request body over 256 KiB with 413 before reading it whole, and still answers normal signed requests', async () => {
    const harness = (h = await startHarness(kind));
    const url = `http://127.0.0.1:${harness.earshot.port}/slack/events`;
    const command = (text: string) =>
      new URLSearchParams({
        team_id: harness.slack.team.id,
        channel_id: harness.channelId,
        user_id: harness.slack.users.carol!.id,
        command: '/social',
        text,
        response_url: `${harness.slack.apiUrl}unused`,
        trigger_id: '1.2.3',
      }).toString();
    const signed = (body: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signRequest(harness.slack.signingSecret, timestamp, body),
      };
    };

    const normal = command('help');
    const answered = await fetch(url, { method: 'POST', headers: signed(normal), body: normal });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('signature');

    const oversize = command(`help ${'x'.repeat(300 * 1024)}`);
    const refused = await fetch(url, { method: 'POST', headers: signed(oversize), body: oversize });
    expect(refused.status).toBe(413);
    expect(await refused.text()).toBe('');

    // Without a Content-Length (chunked), the body is counted as it streams in.
    const chunks = [oversize.slice(0, 200 * 1024), oversize.slice(200 * 1024)];
    const streamed = await fetch(url, {
      method: 'POST',
      headers: signed(oversize),
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      }),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);

    const again = await fetch(url, { method: 'POST', headers: signed(normal), body: normal });
    expect(again.status).toBe(200);
    expect(harness.logs.filter((line) => line.includes('Request body exceeded the maximum allowed size'))).toHaveLength(2);
  });
});
