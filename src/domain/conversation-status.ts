export const CONVERSATION_STATUSES = ['new', 'open', 'assigned', 'awaiting_approval', 'replied', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_EVENTS = [
  'inboundReceived',
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
    assigned: 'assigned',
    unassigned: 'new',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'new',
  },
  open: {
    inboundReceived: 'open',
    assigned: 'assigned',
    unassigned: 'open',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'open',
  },
  assigned: {
    inboundReceived: 'assigned',
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
    assigned: 'awaiting_approval',
    unassigned: 'awaiting_approval',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'awaiting_approval',
  },
  replied: {
    inboundReceived: 'open',
    assigned: 'assigned',
    unassigned: 'replied',
    replySent: 'replied',
    replyQueuedForApproval: 'awaiting_approval',
    resolved: 'resolved',
    reopened: 'open',
  },
  resolved: {
    inboundReceived: 'open',
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

/** True when the event brings a replied or resolved conversation back into someone's queue. */
export function isReopening(current: ConversationStatus, event: ConversationEvent): boolean {
  return SETTLED.has(current) && NEEDS_ATTENTION.has(nextStatus(current, event));
}
