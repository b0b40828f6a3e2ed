import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { isUniqueViolation } from '../../src/db/prisma-errors.js';
import { migrateDatabase } from '../../src/db/migrate.js';

// The embedded database serves one backend over a socket; a query error makes the pool replace
// its connection at once, and that must never cost the next query its connection.
describe('the embedded database after a query error', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://', prepared: false });
    await migrateDatabase(db);
    await db.prisma.userSetting.create({ data: { slackUserId: 'U1' } });
  });
  afterAll(async () => {
    await db.close();
  });

  it('reports each failure as what it is, query after query, in transactions too', async () => {
    for (let round = 0; round < 5; round += 1) {
      await expect(db.prisma.userSetting.create({ data: { slackUserId: 'U1' } })).rejects.toSatisfy(isUniqueViolation);
      await expect(db.prisma.$transaction((tx) => tx.userSetting.create({ data: { slackUserId: 'U1' } }))).rejects.toSatisfy(isUniqueViolation);
      await expect(db.prisma.userSetting.delete({ where: { slackUserId: 'nobody' } })).rejects.toMatchObject({ code: 'P2025' });
    }
    expect(await db.prisma.userSetting.count()).toBe(1);
  });
});
