import { isOnlyAcknowledgement } from './acknowledgement.js';

export const CONVERSATION_STATUSES = ['new', 'open', 'assigned', 'awaiting_approval', 'replied', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_EVENTS = [
  'inboundReceived',
  /** A customer's message that only thanks or acknowledges (see isOnlyAcknowledgement). */
  'acknowledgementReceived',
  'assigned',
  'unassigned',
  'replySent',
  'replyQueuedForApproval',
  'resolved',
  'reopened',
] as const;
export type ConversationEvent = (typeof CONVERSATION_EVENTS)[number];

type Transitions = Record<ConversationEvent, ConversationStatus>;

// Every cell is spelled out so that a reader can check the whole policy at a glance.
const TRANSITIONS: Record<ConversationStatus, Transitions> = {
  new: {
    inboundReceived: 'new',
    acknowledgementReceived: 'new',
    assigned: 'assigned',
    unassigned: 'new',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'new',
  },
  open: {
    inboundReceived: 'open',
    acknowledgementReceived: 'open',
    assigned: 'assigned',
    unassigned: 'open',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'open',
  },
  assigned: {
    inboundReceived: 'assigned',
    acknowledgementReceived: 'assigned',
    assigned: 'assigned',
    unassigned: 'open',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'assigned',
  },
  // A reply waiting for approval stays the most urgent fact until it is sent or dropped.
  awaiting_approval: {
    inboundReceived: 'awaiting_approval',
    acknowledgementReceived: 'awaiting_approval',
    assigned: 'awaiting_approval',
    unassigned: 'awaiting_approval',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'awaiting_approval',
  },
  replied: {
    inboundReceived: 'open',
    acknowledgementReceived: 'replied',
    assigned: 'assigned',
    unassigned: 'replied',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'open',
  },
  resolved: {
    inboundReceived: 'open',
    acknowledgementReceived: 'resolved',
    assigned: 'assigned',
    unassigned: 'resolved',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'open',
  },
};

const SETTLED: ReadonlySet<ConversationStatus> = new Set(['replied', 'resolved']);
const NEEDS_ATTENTION: ReadonlySet<ConversationStatus> = new Set(['open', 'assigned']);

export function nextStatus(current: ConversationStatus, event: ConversationEvent): ConversationStatus {
  return TRANSITIONS[current][event];
}

/** Answered or closed: nothing for the team to do until the customer writes again. */
export function isSettled(status: ConversationStatus): boolean {
  return SETTLED.has(status);
}

/** The event a customer's message is: a bare thanks does not ask anything of the team. */
export function inboundEvent(text: string): ConversationEvent {
  return isOnlyAcknowledgement(text) ? 'acknowledgementReceived' : 'inboundReceived';
}

/** True when the event brings a replied or resolved conversation back into someone's queue. */
export function isReopening(current: ConversationStatus, event: ConversationEvent): boolean {
  return SETTLED.has(current) && NEEDS_ATTENTION.has(nextStatus(current, event));
}
