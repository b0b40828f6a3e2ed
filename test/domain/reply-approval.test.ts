import { describe, expect, it } from 'vitest';
import { decideReplyApproval, reviewRefusal, statusAfterDraftSettled, type ResponderRoles } from '../../src/domain/reply-approval.js';
import { compileRoutingPattern } from '../../src/routing/routing-pattern.js';

const nobody: ResponderRoles = { learning: false, publisher: false, approver: false, manager: false };
const topics = compileRoutingPattern({ kind: 'keywords', keywords: ['lawsuit', 'recall', 'injury'] });

describe('decideReplyApproval', () => {
  it("publishes everyone's replies when no role is configured", () => {
    expect(decideReplyApproval({ roles: nobody, publishersConfigured: false, text: '@jo on its way', topics: undefined })).toEqual({ action: 'publish' });
  });

  it('holds a learning responder, even one who is also a publisher', () => {
    expect(
      decideReplyApproval({ roles: { ...nobody, learning: true, publisher: true }, publishersConfigured: true, text: '@jo hi', topics: undefined }),
    ).toEqual({
      action: 'hold',
      reason: 'learning responder',
    });
  });

  it('with ROLE_PUBLISHERS set, holds anyone who is not a publisher, approver or manager', () => {
    const decide = (roles: Partial<ResponderRoles>) =>
      decideReplyApproval({ roles: { ...nobody, ...roles }, publishersConfigured: true, text: '@jo hi', topics: undefined }).action;
    expect(decide({})).toBe('hold');
    expect(decide({ publisher: true })).toBe('publish');
    expect(decide({ approver: true })).toBe('publish');
    expect(decide({ manager: true })).toBe('publish');
    expect(decideReplyApproval({ roles: nobody, publishersConfigured: true, text: '@jo hi', topics: undefined })).toEqual({
      action: 'hold',
      reason: 'not a publisher',
    });
  });

  it('holds a sensitive topic whoever writes, naming the topic', () => {
    for (const roles of [nobody, { ...nobody, publisher: true }, { ...nobody, manager: true, approver: true }]) {
      expect(decideReplyApproval({ roles, publishersConfigured: false, text: '@jo About the RECALL: you are fine', topics })).toEqual({
        action: 'hold',
        reason: 'sensitive topic: recall',
      });
    }
    expect(decideReplyApproval({ roles: nobody, publishersConfigured: false, text: '@jo no recalled items here', topics })).toEqual({
      action: 'hold',
      reason: 'sensitive topic: recalled',
    });
    expect(decideReplyApproval({ roles: nobody, publishersConfigured: false, text: '@jo the recaller is fine', topics }).action).toBe('publish');
  });

  it('gives every reason when several apply', () => {
    expect(decideReplyApproval({ roles: { ...nobody, learning: true }, publishersConfigured: false, text: 'sorry for the injury', topics })).toEqual({
      action: 'hold',
      reason: 'learning responder; sensitive topic: injury',
    });
  });

  it('works with a regular expression topic, every time', () => {
    const regex = compileRoutingPattern({ kind: 'regex', source: 'law ?suits?', flags: 'i' });
    expect(decideReplyApproval({ roles: nobody, publishersConfigured: false, text: 'no LawSuit please', topics: regex })).toEqual({
      action: 'hold',
      reason: 'sensitive topic: lawsuit',
    });
    for (let i = 0; i < 3; i += 1)
      expect(decideReplyApproval({ roles: nobody, publishersConfigured: false, text: 'a law suit', topics: regex }).action).toBe('hold');
  });
});

describe('reviewRefusal', () => {
  it('never lets someone still learning review, even one also listed as an approver or manager', () => {
    expect(reviewRefusal({ roles: { ...nobody, learning: true, approver: true, manager: true }, slackUserId: 'U1' }, 'U2')).toBe('learning');
  });

  it("lets approvers and managers review others' drafts only", () => {
    expect(reviewRefusal({ roles: { ...nobody, approver: true }, slackUserId: 'U1' }, 'U2')).toBeUndefined();
    expect(reviewRefusal({ roles: { ...nobody, manager: true }, slackUserId: 'U1' }, 'U2')).toBeUndefined();
    expect(reviewRefusal({ roles: { ...nobody, approver: true }, slackUserId: 'U1' }, 'U1')).toBe('own_draft');
    expect(reviewRefusal({ roles: { ...nobody, publisher: true }, slackUserId: 'U1' }, 'U2')).toBe('not_an_approver');
  });
});

describe('statusAfterDraftSettled', () => {
  it('returns the conversation to its owner unless another draft still waits', () => {
    expect(statusAfterDraftSettled('awaiting_approval', { assigned: false, otherDraftsWaiting: false })).toBe('open');
    expect(statusAfterDraftSettled('awaiting_approval', { assigned: true, otherDraftsWaiting: false })).toBe('assigned');
    expect(statusAfterDraftSettled('awaiting_approval', { assigned: false, otherDraftsWaiting: true })).toBe('awaiting_approval');
    expect(statusAfterDraftSettled('resolved', { assigned: false, otherDraftsWaiting: false })).toBe('resolved');
  });
});
