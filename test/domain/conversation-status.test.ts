import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_EVENTS,
  CONVERSATION_STATUSES,
  type ConversationEvent,
  type ConversationStatus,
  isReopening,
  nextStatus,
} from '../../src/domain/conversation-status.js';

type Row = [ConversationStatus, ConversationEvent, ConversationStatus];

const rows: Row[] = [
  ['new', 'inboundReceived', 'new'],
  ['new', 'acknowledgementReceived', 'new'],
  ['new', 'assigned', 'assigned'],
  ['new', 'unassigned', 'new'],
  ['new', 'replySent', 'replied'],
  ['new', 'replyQueuedForApproval', 'awaiting_approval'],
  ['new', 'resolved', 'resolved'],
  ['new', 'reopened', 'new'],
  ['open', 'inboundReceived', 'open'],
  ['open', 'acknowledgementReceived', 'open'],
  ['open', 'assigned', 'assigned'],
  ['open', 'unassigned', 'open'],
  ['open', 'replySent', 'replied'],
  ['open', 'replyQueuedForApproval', 'awaiting_approval'],
  ['open', 'resolved', 'resolved'],
  ['open', 'reopened', 'open'],
  ['assigned', 'inboundReceived', 'assigned'],
  ['assigned', 'acknowledgementReceived', 'assigned'],
  ['assigned', 'assigned', 'assigned'],
  ['assigned', 'unassigned', 'open'],
  ['assigned', 'replySent', 'replied'],
  ['assigned', 'replyQueuedForApproval', 'awaiting_approval'],
  ['assigned', 'resolved', 'resolved'],
  ['assigned', 'reopened', 'assigned'],
  ['awaiting_approval', 'inboundReceived', 'awaiting_approval'],
  ['awaiting_approval', 'acknowledgementReceived', 'awaiting_approval'],
  ['awaiting_approval', 'assigned', 'awaiting_approval'],
  ['awaiting_approval', 'unassigned', 'awaiting_approval'],
  ['awaiting_approval', 'replySent', 'replied'],
  ['awaiting_approval', 'replyQueuedForApproval', 'awaiting_approval'],
  ['awaiting_approval', 'resolved', 'resolved'],
  ['awaiting_approval', 'reopened', 'awaiting_approval'],
  ['replied', 'inboundReceived', 'open'],
  ['replied', 'acknowledgementReceived', 'replied'],
  ['replied', 'assigned', 'assigned'],
  ['replied', 'unassigned', 'replied'],
  ['replied', 'replySent', 'replied'],
  ['replied', 'replyQueuedForApproval', 'awaiting_approval'],
  ['replied', 'resolved', 'resolved'],
  ['replied', 'reopened', 'open'],
  ['resolved', 'inboundReceived', 'open'],
  ['resolved', 'acknowledgementReceived', 'resolved'],
  ['resolved', 'assigned', 'assigned'],
  ['resolved', 'unassigned', 'resolved'],
  ['resolved', 'replySent', 'replied'],
  ['resolved', 'replyQueuedForApproval', 'awaiting_approval'],
  ['resolved', 'resolved', 'resolved'],
  ['resolved', 'reopened', 'open'],
];

describe('nextStatus', () => {
  it('has one row per status and event', () => {
    expect(rows).toHaveLength(CONVERSATION_STATUSES.length * CONVERSATION_EVENTS.length);
  });

  it.each(rows)('%s + %s → %s', (current, event, expected) => {
    expect(nextStatus(current, event)).toBe(expected);
  });
});

describe('isReopening', () => {
  const reopening: Array<[ConversationStatus, ConversationEvent]> = [
    ['resolved', 'inboundReceived'],
    ['replied', 'inboundReceived'],
    ['resolved', 'reopened'],
    ['replied', 'reopened'],
    ['resolved', 'assigned'],
    ['replied', 'assigned'],
  ];

  it.each(reopening)('%s + %s is a reopen', (current, event) => {
    expect(isReopening(current, event)).toBe(true);
  });

  it('is false for every other transition', () => {
    const others = rows.filter(([current, event]) => !reopening.some(([c, e]) => c === current && e === event));
    for (const [current, event] of others) expect(isReopening(current, event), `${current} + ${event}`).toBe(false);
  });
});
