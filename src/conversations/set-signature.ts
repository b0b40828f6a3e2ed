import type { Database } from '../db/database.js';
import { checkPrivateData, type PrivateDataGuardOptions } from '../domain/private-data-guard.js';

const maxSignatureLength = 20;
const CLEARING_WORDS = new Set(['none', 'off', 'clear']);

export type SignatureOutcome = { ok: true; signature: string | null } | { ok: false; error: string };

/** A person's signature on public replies (e.g. "^AL"); `none` clears it. Returns an error text or the saved value. */
export async function setSignature(
  prisma: Database['prisma'],
  slackUserId: string,
  raw: string,
  guardOptions?: PrivateDataGuardOptions,
): Promise<SignatureOutcome> {
  const signature = raw.trim().replace(/\s+/g, ' ');
  if (Array.from(signature).length > maxSignatureLength)
    return { ok: false, error: `A signature is at most ${maxSignatureLength} characters; it counts against every reply's length limit.` };
  const value = signature === '' || CLEARING_WORDS.has(signature.toLowerCase()) ? null : signature;
  // Every public reply carries the signature: what the guard refuses in a reply cannot hide in it.
  if (value !== null && !checkPrivateData(value, guardOptions).ok) {
    return {
      ok: false,
      error: 'That signature looks like private data (a phone number, an e-mail address…): every public reply would show it. Sign with initials instead.',
    };
  }
  await prisma.userSetting.upsert({ where: { slackUserId }, create: { slackUserId, signature: value }, update: { signature: value } });
  return { ok: true, signature: value };
}

/** The person's signature, or null when they do not sign. */
export async function readSignature(prisma: Database['prisma'], slackUserId: string): Promise<string | null> {
  return (await prisma.userSetting.findUnique({ where: { slackUserId } }))?.signature ?? null;
}
