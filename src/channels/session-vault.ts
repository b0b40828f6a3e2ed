import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Platform } from '../generated/prisma/enums.js';

/** Where an adapter keeps its network login across restarts, so that a restart does not log in again. */
export interface SessionVault {
  /** The kept session, or undefined when there is none or it cannot be opened (the credentials changed). */
  load(): Promise<string | undefined>;
  save(session: string): Promise<void>;
  clear(): Promise<void>;
}

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A vault in the database, one row per network. The session is sealed with a key derived from the
 * account's own secret: the row alone does not give the session away, and new credentials make the old
 * session unreadable, so Earshot logs in with them.
 */
export function databaseSessionVault(prisma: Database['prisma'], platform: Platform, secret: string): SessionVault {
  const key = scryptSync(secret, `earshot network session ${platform}`, 32);
  return {
    async load() {
      const row = await prisma.networkSession.findUnique({ where: { platform } });
      return row ? unseal(key, row.sealed) : undefined;
    },
    async save(session) {
      const sealed = seal(key, session);
      await prisma.networkSession.upsert({ where: { platform }, create: { platform, sealed }, update: { sealed } });
    },
    async clear() {
      await prisma.networkSession.deleteMany({ where: { platform } });
    },
  };
}

function seal(key: Buffer, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(key: Buffer, sealed: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv(CIPHER, key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
