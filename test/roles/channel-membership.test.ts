import { afterEach, describe, expect, it, vi } from 'vitest';
import { hiddenPreviewsFor } from '../../src/conversations/private-previews.js';
import { createLogger } from '../../src/log/create-logger.js';
import { createChannelMembership } from '../../src/roles/channel-membership.js';

/** Slack's conversations.members over fixed channels, `pageSize` members a page; `stall` channels never answer. */
function conversationsApi(channels: Record<string, string[]>, options: { pageSize?: number; failing?: string[]; stall?: string[] } = {}) {
  const calls: Array<{ channel: string; cursor?: string | undefined }> = [];
  const slack = {
    conversations: {
      members: async ({ channel, cursor }: { channel: string; cursor?: string; limit?: number }) => {
        calls.push({ channel, cursor });
        if (options.stall?.includes(channel)) return new Promise(() => undefined);
        if (options.failing?.includes(channel)) throw new Error('channel_not_found');
        const members = channels[channel] ?? [];
        const start = cursor ? Number(cursor) : 0;
        const end = start + (options.pageSize ?? 2);
        return { ok: true, members: members.slice(start, end), response_metadata: { next_cursor: end < members.length ? String(end) : '' } };
      },
    },
  };
  return { slack: slack as never, calls };
}

function logger(lines: string[] = []) {
  return createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createChannelMembership', () => {
  it('reads every page of a channel’s members', async () => {
    const { slack, calls } = conversationsApi({ C1: ['U1', 'U2', 'U3', 'U4', 'U5'] });
    const membership = createChannelMembership({ slack, logger: logger() });
    expect(await membership.isMember('C1', 'U5')).toBe(true);
    expect(await membership.isMember('C1', 'U9')).toBe(false);
    expect(calls.map((call) => call.cursor)).toEqual([undefined, '2', '4']);
  });

  it('remembers a channel for a while, then reads it again', async () => {
    let now = new Date('2026-12-04T10:00:00Z');
    const { slack, calls } = conversationsApi({ C1: ['U1'] });
    const membership = createChannelMembership({ slack, logger: logger(), cacheMs: 60_000, now: () => now });
    await membership.isMember('C1', 'U1');
    await membership.isMember('C1', 'U2');
    expect(calls).toHaveLength(1);
    now = new Date(now.getTime() + 61_000);
    await membership.isMember('C1', 'U1');
    expect(calls).toHaveLength(2);
  });

  it('fails closed, with a warning, when Slack refuses or does not answer in time', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const { slack } = conversationsApi({}, { failing: ['C1'], stall: ['C2'] });
    const membership = createChannelMembership({ slack, logger: logger(lines), lookupTimeoutMs: 2_000 });
    expect(await membership.isMember('C1', 'U1')).toBe(false);
    const stalled = membership.isMember('C2', 'U1');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await stalled).toBe(false);
    expect(lines.join('\n')).toContain('could not list the members of a channel');
    expect(lines.join('\n')).toContain('did not list the members of a channel in time');
  });
});

describe('hiddenPreviewsFor', () => {
  it('hides private conversations outside the reader’s channels, asking about each channel once', async () => {
    const { slack, calls } = conversationsApi({ CSOCIAL: ['U1'], CBILLING: ['U2'] });
    const membership = createChannelMembership({ slack, logger: logger() });
    const conversations = [
      { visibility: 'public' as const, slackChannelId: 'CBILLING' },
      { visibility: 'private' as const, slackChannelId: 'CBILLING' },
      { visibility: 'private' as const, slackChannelId: 'CBILLING' },
      { visibility: 'private' as const, slackChannelId: null },
    ];
    const hidden = await hiddenPreviewsFor({ membership, defaultChannelId: 'CSOCIAL' }, 'U1', conversations);
    expect(conversations.map(hidden)).toEqual([undefined, 'CBILLING', 'CBILLING', undefined]);
    expect(calls.map((call) => call.channel).sort()).toEqual(['CBILLING', 'CSOCIAL']);
  });
});
