import { describe, expect, it } from 'vitest';
import { compareIds, otherParticipant, readDmEvent, xSentDmSchema } from '../../../src/channels/x/x-dm.js';

const brand = '1000';
const jo = { id: '2000', handle: 'jo', name: 'Jo' };

describe('otherParticipant', () => {
  it('names the other person of a one-to-one conversation, whichever order X wrote the ids in', () => {
    expect(otherParticipant('1000-2000', brand)).toBe('2000');
    expect(otherParticipant('900-1000', brand)).toBe('900');
  });

  it('refuses group conversations and conversations without the account', () => {
    expect(otherParticipant('1582838223264501760', brand)).toBeUndefined();
    expect(otherParticipant('2000-3000', brand)).toBeUndefined();
    expect(otherParticipant('1000-1000', brand)).toBeUndefined();
    expect(otherParticipant('1000-abc', brand)).toBeUndefined();
  });
});

describe('readDmEvent', () => {
  const event = {
    id: '5001',
    event_type: 'MessageCreate',
    text: 'my account is 1234',
    sender_id: '2000',
    dm_conversation_id: '1000-2000',
    created_at: '2026-07-21T13:50:00.000Z',
  };

  it("reads a customer's message, with their profile from includes", () => {
    expect(readDmEvent(event, [jo], brand)).toEqual({
      kind: 'message',
      message: {
        id: '5001',
        dmConversationId: '1000-2000',
        senderId: '2000',
        participantId: '2000',
        participant: jo,
        fromAccount: false,
        text: 'my account is 1234',
        createdAt: new Date('2026-07-21T13:50:00.000Z'),
        raw: event,
      },
    });
  });

  it("reads the account's own message as addressed to the other participant", () => {
    const reading = readDmEvent({ ...event, sender_id: brand }, [], brand);
    expect(reading).toMatchObject({ kind: 'message', message: { fromAccount: true, participantId: '2000', senderId: brand } });
    expect(reading.kind === 'message' && 'participant' in reading.message).toBe(false);
  });

  it('ignores events that are not messages, and group conversations', () => {
    expect(readDmEvent({ id: '5002', event_type: 'ParticipantsJoin', dm_conversation_id: '77', participant_ids: ['2000'] }, [], brand)).toEqual({
      kind: 'ignored',
      reason: 'event type ParticipantsJoin',
    });
    expect(readDmEvent({ ...event, dm_conversation_id: '1582838223264501760' }, [], brand).kind).toBe('ignored');
  });

  it('rejects what does not match the documented shape', () => {
    expect(readDmEvent({ ...event, id: 'not-a-number' }, [], brand).kind).toBe('rejected');
    expect(readDmEvent(null, [], brand).kind).toBe('rejected');
    const { sender_id: _sender, ...withoutSender } = event;
    expect(readDmEvent(withoutSender, [], brand)).toEqual({ kind: 'rejected', problem: 'MessageCreate event without sender_id' });
    const { text: _text, ...withoutText } = event;
    expect(readDmEvent(withoutText, [], brand).kind).toBe('rejected');
    expect(readDmEvent({ ...event, created_at: 'yesterday' }, [], brand).kind).toBe('rejected');
    expect(readDmEvent({ ...event, sender_id: '3000' }, [], brand)).toEqual({ kind: 'rejected', problem: 'sender is not a participant of the conversation' });
  });
});

describe('xSentDmSchema', () => {
  it("reads what X answers to a sent DM (not what twitter-api-v2's types claim)", () => {
    expect(xSentDmSchema.parse({ data: { dm_conversation_id: '1000-2000', dm_event_id: '5003' } }).data.dm_event_id).toBe('5003');
    expect(xSentDmSchema.safeParse({ dm_conversation_id: '1000-2000', dm_event_id: '5003' }).success).toBe(false);
  });
});

describe('compareIds', () => {
  it('compares ids beyond the precision of numbers', () => {
    expect(compareIds('1582838223264501761', '1582838223264501760')).toBe(1);
    expect(compareIds('999', '1000')).toBe(-1);
    expect(compareIds('5', '5')).toBe(0);
  });
});
