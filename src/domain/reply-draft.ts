import type { Network, ReplyLength } from '../channels/network.js';
import { checkPrivateData, type PrivateDataFinding, type PrivateDataGuardOptions } from './private-data-guard.js';
import { applySignature } from './signature.js';

export interface ReplyDraftInput {
  /** The conversation's network: its length rule applies. */
  network: Network;
  text: string;
  /** The customer's handle, with or without "@"; the modal prefills it. */
  handle: string;
  signature?: string;
  guardOptions?: PrivateDataGuardOptions;
}

/** Why a reply was refused, as a code the audit trail can keep (the message itself may quote the customer). */
export type ReplyProblem = 'empty' | 'too_long' | 'invalid_characters' | `private_data:${PrivateDataFinding['kind']}`;

export type PreparedReply =
  | { ok: true; finalText: string; length: ReplyLength }
  /** `errors` is keyed by the modal's block id, ready for Slack's `response_action: 'errors'`. */
  | { ok: false; errors: { reply_text: string }; problems: ReplyProblem[] };

/** Validates a reply as it will be posted: signature appended, length counted as its network counts it, private data refused. */
export function prepareReply(input: ReplyDraftInput): PreparedReply {
  const text = input.text.trim();
  if (isOnlyMentions(text)) return refuse(`Write a reply to @${stripAt(input.handle)} before posting.`, ['empty']);

  const finalText = applySignature(text, input.signature);
  const { network } = input;
  const length = network.measureReply(finalText);
  const messages: string[] = [];
  const problems: ReplyProblem[] = [];
  if (length.remaining < 0) {
    messages.push(describeOverLimit(network, length, finalText !== text));
    problems.push('too_long');
  } else if (!length.valid) {
    messages.push(`The reply contains characters that ${network.name} does not accept.`);
    problems.push('invalid_characters');
  }

  // The signature is posted too: a phone number in it is as public as one in the reply.
  const guard = checkPrivateData(finalText, input.guardOptions);
  if (!guard.ok) {
    messages.push(`${describeFindings(guard.findings)} ${guard.suggestion}`);
    problems.push(...new Set(guard.findings.map((finding) => `private_data:${finding.kind}` as const)));
  }

  return messages.length === 0 ? { ok: true, finalText, length } : refuse(messages.join(' '), problems);
}

function refuse(message: string, problems: ReplyProblem[]): PreparedReply {
  return { ok: false, errors: { reply_text: message }, problems };
}

// The prefilled "@handle " (or any run of leading mentions) alone is not a reply.
function isOnlyMentions(text: string): boolean {
  return text.replace(/^(?:@\w+\s*)*/, '') === '';
}

function stripAt(handle: string): string {
  return handle.replace(/^@/, '');
}

function describeOverLimit(network: Network, length: ReplyLength, signed: boolean): string {
  const over = -length.remaining;
  const characters = over === 1 ? 'character' : 'characters';
  const note = signed ? ', counting your signature' : '';
  return `${over} ${characters} over ${network.name}'s ${length.limit.toLocaleString('en-US')} limit${note}. Shorten the reply.`;
}

const FINDING_NAMES: Record<PrivateDataFinding['kind'], string> = {
  payment_card: 'a payment card number',
  national_id: 'a national ID number',
  email: 'an e-mail address',
  phone: 'a phone number',
  account_number: 'an account number',
  custom: 'private data',
};

function describeFindings(findings: readonly PrivateDataFinding[]): string {
  const listed = findings.map((finding) => `${FINDING_NAMES[finding.kind]} (${finding.match})`).join(', ');
  const explanations = [...new Set(findings.map((finding) => finding.explanation))].join(' ');
  return `This public reply seems to contain ${listed}. ${explanations}`;
}
