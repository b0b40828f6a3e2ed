import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import type { types } from '@slack/bolt';
import { renderReplyFailedNotice, renderReplyNotSentYetNotice, renderReplySentNotice } from '../../../src/slack/blocks/thread-notices.js';

function sectionText(blocks: types.KnownBlock[]): string {
  const section = blocks[0];
  return section?.type === 'section' ? (section.text?.text ?? '') : '';
}

describe('renderReplySentNotice', () => {
  it('says who replied, what, and links the post', () => {
    const message = renderReplySentNotice({
      network: xNetwork,
      slackUserId: 'U0ANN',
      text: '@jane Fixed <now> & thanks ^AL',
      postUrl: 'https://x.com/acme/status/1790000000000000099',
    });
    expect(sectionText(message.blocks)).toBe(
      '↩️ Replied publicly by <@U0ANN>: @jane Fixed &lt;now&gt; &amp; thanks ^AL · <https://x.com/acme/status/1790000000000000099|View on X>',
    );
    expect(message.text).toBe('Replied publicly by <@U0ANN>: @jane Fixed &lt;now&gt; &amp; thanks ^AL');
  });

  it('credits the approver, and the first drafter when an approver rewrote the draft', () => {
    const notice = (credit: { approvedBySlackUserId?: string; draftedBySlackUserId?: string }) =>
      renderReplySentNotice({ network: xNetwork, slackUserId: 'U0ALICE', text: 'ok', postUrl: 'https://x.com/a/status/1', ...credit }).text;
    expect(notice({ approvedBySlackUserId: 'U0DANA' })).toBe('Replied publicly by <@U0ALICE> (approved by <@U0DANA>): ok');
    expect(notice({ approvedBySlackUserId: 'U0ALICE', draftedBySlackUserId: 'U0BOB' })).toBe(
      "Replied publicly by <@U0ALICE> (edited from <@U0BOB>'s draft): ok",
    );
    expect(notice({ approvedBySlackUserId: 'U0DANA', draftedBySlackUserId: 'U0BOB' })).toBe(
      "Replied publicly by <@U0ALICE> (edited from <@U0BOB>'s draft, approved by <@U0DANA>): ok",
    );
  });

  it('stays within a section’s 3000 characters', () => {
    const message = renderReplySentNotice({ network: xNetwork, slackUserId: 'U0ANN', text: '&'.repeat(3000), postUrl: 'https://x.com/a/status/1' });
    expect(sectionText(message.blocks).length).toBeLessThanOrEqual(3000);
    expect(sectionText(message.blocks)).toMatch(/View on X>$/);
  });
});

describe('renderReplyFailedNotice', () => {
  const failed = renderReplyFailedNotice({
    network: xNetwork,
    messageId: 'msg-7',
    slackUserId: 'U0ANN',
    plainMessage: 'X refused this reply as a duplicate of an earlier post. Edit the text and retry.',
    replyText: '@jane Thanks!\nSee you',
  });

  it('tells the author in plain words and quotes the reply', () => {
    expect(sectionText(failed.blocks)).toBe(
      '⚠️ *<@U0ANN>, your reply was not posted on X.* X refused this reply as a duplicate of an earlier post. Edit the text and retry.\n> @jane Thanks!\n> See you',
    );
    expect(failed.text).toBe('Reply not posted on X: X refused this reply as a duplicate of an earlier post. Edit the text and retry.');
  });

  it('offers a Retry button carrying the message id', () => {
    const actions = failed.blocks[1];
    expect(actions?.type === 'actions' ? actions.elements : []).toEqual([
      { type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: 'reply_retry', value: 'msg-7' },
    ]);
  });

  it('leaves out Retry when retrying cannot help', () => {
    const message = renderReplyFailedNotice({
      network: xNetwork,
      messageId: 'msg-8',
      plainMessage: "The post was deleted on X, so it can't be replied to.",
      offerRetry: false,
    });
    expect(message.blocks).toHaveLength(1);
    expect(sectionText(message.blocks)).toBe("⚠️ *The reply was not posted on X.* The post was deleted on X, so it can't be replied to.");
  });

  it('keeps a long reply within a section', () => {
    const message = renderReplyFailedNotice({ network: xNetwork, messageId: 'm', plainMessage: 'Failed.', replyText: '<\n'.repeat(2000) });
    expect(sectionText(message.blocks).length).toBeLessThanOrEqual(3000);
  });
});

describe('renderReplyNotSentYetNotice', () => {
  it('tells the author the reply is not sent yet, quotes it, and offers Retry carrying the message id', () => {
    const message = renderReplyNotSentYetNotice({ messageId: 'm-1', slackUserId: 'U0ANN', replyText: '@jo <soon>', minutesWaiting: 7 });
    expect(sectionText(message.blocks)).toBe(
      '⏳ *<@U0ANN>, your reply is not sent yet* (waiting for 7 minutes). Retry sends it now; it is never posted twice.\n> @jo &lt;soon&gt;',
    );
    expect(message.blocks[1]).toMatchObject({ type: 'actions', elements: [{ action_id: 'reply_retry', value: 'm-1' }] });
  });

  it('stays within a section’s 3000 characters', () => {
    const message = renderReplyNotSentYetNotice({ messageId: 'm-1', slackUserId: 'U0ANN', replyText: '&'.repeat(3000), minutesWaiting: 5 });
    expect(sectionText(message.blocks).length).toBeLessThanOrEqual(3000);
  });
});
