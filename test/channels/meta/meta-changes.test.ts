import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMetaChanges } from '../../../src/channels/meta/meta-changes.js';
import feedComment from '../../fixtures/meta/webhook-page-feed-comment.json' with { type: 'json' };
import instagramComments from '../../fixtures/meta/webhook-instagram-comments.json' with { type: 'json' };
import instagramMentions from '../../fixtures/meta/webhook-instagram-mentions.json' with { type: 'json' };
import instagramMessaging from '../../fixtures/meta/webhook-instagram-messaging.json' with { type: 'json' };

const feedValue = feedComment.entry[0]!.changes[0]!.value;
const withFeedValue = (value: Record<string, unknown>) => ({
  object: 'page',
  entry: [{ id: '123456789012345', time: 1520383571, changes: [{ field: 'feed', value }] }],
});

describe('reading the comments a Meta notification announces', () => {
  it("reads a Page feed comment as a thread's first comment, with its author, words and time", () => {
    expect(readMetaChanges(feedComment)).toEqual({
      comments: [
        {
          network: 'facebook',
          ownerId: '123456789012345',
          commentId: '150691160110528_150691260110518',
          comment: {
            id: '150691160110528_150691260110518',
            message: 'Is this available in blue?',
            created_time: '2018-03-07T00:46:10.000Z',
            from: { id: '1234567890123456', name: 'Jane Doe' },
          },
        },
      ],
      ignored: 0,
      problems: [],
    });
  });

  it('reads a reply under a comment as belonging to that comment', () => {
    const [change] = readMetaChanges(withFeedValue({ ...feedValue, parent_id: '150691160110528_150691260110000' })).comments;
    expect(change).toMatchObject({ network: 'facebook', comment: { parent: { id: '150691160110528_150691260110000' } } });
  });

  it('asks Graph for a comment the notification names without its words or author', () => {
    const { message: _message, ...withoutMessage } = feedValue;
    expect(readMetaChanges(withFeedValue(withoutMessage)).comments).toEqual([
      { network: 'facebook', ownerId: '123456789012345', commentId: feedValue.comment_id, comment: undefined },
    ]);
  });

  it('counts edits, removals, reactions and direct messages without reading them', () => {
    const edits = readMetaChanges(withFeedValue({ ...feedValue, verb: 'edited' }));
    const reaction = readMetaChanges(withFeedValue({ item: 'reaction', verb: 'add', reaction_type: 'like' }));
    expect([edits, reaction, readMetaChanges(instagramMessaging)].map(({ comments, ignored }) => ({ comments, ignored }))).toEqual([
      { comments: [], ignored: 1 },
      { comments: [], ignored: 1 },
      { comments: [], ignored: 1 },
    ]);
  });

  it('reads an Instagram comment (dated by its entry) and a mention (by id only)', () => {
    expect(readMetaChanges(instagramComments).comments).toEqual([
      {
        network: 'instagram',
        ownerId: '17841405726653026',
        commentId: '17865799348089039',
        comment: {
          id: '17865799348089039',
          text: 'Where can I buy this?',
          timestamp: '2018-03-09T19:16:08.000Z',
          from: { id: '6152364831518472', username: 'jane.doe' },
          parent_id: '17865799348089000',
        },
      },
    ]);
    expect(readMetaChanges(instagramMentions).comments).toEqual([
      { network: 'instagram-mention', ownerId: '17841405726653026', commentId: '17894227972186120' },
    ]);
  });

  it('sets aside a change that differs from what Meta documents, saying where but not what it holds', () => {
    const read = readMetaChanges(withFeedValue({ ...feedValue, comment_id: { secret: 'call me on 555-0100' } }));
    expect(read.comments).toEqual([]);
    expect(read.problems).toEqual(['page.feed: comment_id: invalid_union']);
    expect(JSON.stringify(read)).not.toContain('555-0100');
  });

  it('never throws, whatever JSON arrives: what it cannot read is only set aside', () => {
    const change = fc.record({ field: fc.constantFrom('feed', 'comments', 'mentions', 'other'), value: fc.jsonValue() }, { requiredKeys: [] });
    const notification = fc.record(
      {
        object: fc.constantFrom('page', 'instagram', 'user'),
        entry: fc.array(
          fc.record({ id: fc.string(), time: fc.double(), changes: fc.array(change), messaging: fc.array(fc.jsonValue()) }, { requiredKeys: [] }),
        ),
      },
      { requiredKeys: [] },
    );
    // Well-formed comments with any numbers for times (Infinity, NaN, 1e300, negative) and any texts.
    const oddlyTimedComment = fc
      .record({ time: fc.double(), created_time: fc.double(), message: fc.string(), name: fc.string() })
      .map(({ time, created_time, message, name }) => ({
        ...withFeedValue({ ...feedValue, created_time, message, from: { id: '1', name } }),
        entry: [{ id: '123456789012345', time, changes: [{ field: 'feed', value: { ...feedValue, created_time, message, from: { id: '1', name } } }] }],
      }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), notification, oddlyTimedComment), (body) => {
        const read = readMetaChanges(body);
        for (const comment of read.comments) expect(typeof comment.commentId).toBe('string');
      }),
    );
  });
});
