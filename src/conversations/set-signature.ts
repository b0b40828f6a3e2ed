import type { Database } from '../db/database.js';

const maxSignatureLength = 20;

/** A person's signature on public replies (e.g. "^AL"); empty clears it. Returns an error text or the saved value. */
export async function setSignature(prisma: Database['prisma'], slackUserId: string, raw: string): Promise<{ ok: true; signature: string | null } | { ok: false; error: string }> {
  const signature = raw.trim().replace(/\s+/g, ' ');
  if (Array.from(signature).length > maxSignatureLength) return { ok: false, error: `A signature is at most ${maxSignatureLength} characters; it counts against X's 280.` };
  const value = signature === '' || signature === 'none' ? null : signature;
  await prisma.userSetting.upsert({ where: { slackUserId }, create: { slackUserId, signature: value }, update: { signature: value } });
  return { ok: true, signature: value };
}
