import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import { renderApprovedDraft, renderDraftRejectedDirectMessage, renderPendingDraft, renderRejectedDraft } from '../../../src/slack/blocks/draft-messages.js';
import { renderReplySentNotice } from '../../../src/slack/blocks/thread-notices.js';

const draft = { network: xNetwork, messageId: '6f1c0e1e-0000-4000-8000-000000000001', authorSlackUserId: 'U0BOB', text: '@jo <soon> & sorry' };

describe('draft messages in the thread', () => {
  it('a pending draft names its author and reason, mentions the approvers and offers Approve, Edit and Reject', () => {
    const message = renderPendingDraft({ ...draft, reason: 'learning responder', approverMentions: ['<@U0ANN>', '<!subteam^S0LEADS>'] });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('Draft reply by <@U0BOB> awaiting approval');
    expect(shown).toContain('learning responder');
    expect(shown).toContain('<@U0ANN> <!subteam^S0LEADS>: please review.');
    expect(shown).toContain('> @jo &lt;soon&gt; &amp; sorry');
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(
      actions?.type === 'actions'
        ? actions.elements.map((element) => [element.action_id, 'style' in element ? element.style : undefined, 'value' in element ? element.value : undefined])
        : [],
    ).toEqual([
      ['draft_approve', 'primary', draft.messageId],
      ['draft_edit', undefined, draft.messageId],
      ['draft_reject', 'danger', draft.messageId],
    ]);
  });

  it('approved, rejected and finally sent: no buttons, and who reviewed it', () => {
    const approved = JSON.stringify(renderApprovedDraft({ ...draft, reviewedBySlackUserId: 'U0ANN' }));
    expect(approved).toContain('Approved by <@U0ANN>');
    expect(approved).not.toContain('draft_approve');
    const rejected = renderRejectedDraft({ ...draft, reviewedBySlackUserId: 'U0ANN', rejectionReason: 'Too <casual>' });
    expect(JSON.stringify(rejected)).toContain('Rejected by <@U0ANN>*: Too &lt;casual&gt;');
    expect(rejected.text).toBe('Draft rejected by <@U0ANN>: Too &lt;casual&gt;');
    expect(
      renderReplySentNotice({
        network: xNetwork,
        slackUserId: 'U0BOB',
        text: '@jo soon',
        postUrl: 'https://x.com/acme/status/1',
        approvedBySlackUserId: 'U0ANN',
      }).text,
    ).toBe('Replied publicly by <@U0BOB> (approved by <@U0ANN>): @jo soon');
  });

  it('the author\'s DM carries the reason, their text and "Edit and send again"', () => {
    const message = renderDraftRejectedDirectMessage({
      messageId: draft.messageId,
      reviewedBySlackUserId: 'U0ANN',
      rejectionReason: 'Apologise first',
      text: draft.text,
      ref: 42,
      customerHandle: 'jo',
      threadUrl: 'https://slack.com/archives/C1/p1',
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('*Reason:* Apologise first');
    expect(shown).toContain('@jo &lt;soon&gt; &amp; sorry');
    expect(shown).toContain('"action_id":"draft_retry"');
  });
});
