import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSessionVault } from '../../src/channels/session-vault.js';
import type { Database } from '../../src/db/database.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('a network login kept in the database (%s)', (kind) => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let prisma: Database['prisma'];

  beforeAll(async () => {
    db = await createMigratedDatabase(kind);
    prisma = db.db.prisma;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('gives back what was kept, stored unreadable without the credentials', async () => {
    const vault = databaseSessionVault(prisma, 'bluesky', 'app-password-1');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 8 }), async (session) => {
        await vault.save(session);
        await expect(vault.load()).resolves.toBe(session);
        const row = await prisma.networkSession.findUniqueOrThrow({ where: { platform: 'bluesky' } });
        expect(row.sealed).not.toContain(session);
      }),
      { numRuns: 20 },
    );
  });

  it('opens nothing once the credentials changed, and nothing after clear', async () => {
    await databaseSessionVault(prisma, 'bluesky', 'app-password-1').save('{"refreshJwt":"secret"}');
    await expect(databaseSessionVault(prisma, 'bluesky', 'app-password-2').load()).resolves.toBeUndefined();
    const vault = databaseSessionVault(prisma, 'bluesky', 'app-password-1');
    await vault.clear();
    await expect(vault.load()).resolves.toBeUndefined();
  });
});
