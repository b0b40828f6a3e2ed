import { describe, expect, it } from 'vitest';
import { diffDatabaseAgainstSchema, migrateDatabase, readMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('migrations on %s', (kind) => {
  it('applies every migration once, then nothing, and leaves the database exactly as schema.prisma describes', async () => {
    const test = await createTestDatabase(kind, { prepared: false });
    const db = await test.open();
    try {
      const all = (await readMigrations()).migrationDirectories.map((migration) => migration.path);
      expect(all.length).toBeGreaterThan(0);

      expect(await migrateDatabase(db)).toEqual(all);
      expect(await migrateDatabase(db)).toEqual([]);
      expect(await diffDatabaseAgainstSchema(db)).toBe('');

      await db.executeSql('alter table "UserSetting" drop column "signature"');
      expect(await diffDatabaseAgainstSchema(db)).toMatch(/ADD COLUMN\s+"signature"/);
    } finally {
      await db.close();
      await test.drop();
    }
  });

  it('keeps data across a restart', async () => {
    const test = await createTestDatabase(kind, { ownServer: true });
    try {
      const first = await test.open();
      await migrateDatabase(first);
      await first.prisma.socialAccount.create({ data: { platform: 'x', externalId: '42', handle: 'acme' } });
      await first.close();

      const second = await test.open();
      expect(await migrateDatabase(second)).toEqual([]);
      expect(await second.prisma.socialAccount.findMany({ select: { handle: true } })).toEqual([{ handle: 'acme' }]);
      expect(await second.isReachable()).toBe(true);
      await second.close();
    } finally {
      await test.drop();
    }
  });

  it('stores a post once per platform: a second insert of the same external id is refused', async () => {
    const test = await createTestDatabase(kind);
    const db = await test.open();
    try {
      await migrateDatabase(db);
      const account = await db.prisma.socialAccount.create({ data: { platform: 'x', externalId: '1', handle: 'acme' } });
      const author = await db.prisma.author.create({ data: { platform: 'x', externalId: '2', handle: 'jo' } });
      const conversation = await db.prisma.conversation.create({
        data: { platform: 'x', externalConversationId: '100', accountId: account.id, authorId: author.id },
      });
      const post = { conversationId: conversation.id, direction: 'inbound' as const, platform: 'x' as const, externalId: '100', text: 'hi @acme' };
      await db.prisma.message.create({ data: post });
      await expect(db.prisma.message.create({ data: post })).rejects.toThrow(/Unique constraint/);
    } finally {
      await db.close();
      await test.drop();
    }
  });
});

describe.each(databaseKinds)('a migration script on %s', (kind) => {
  it('runs as written: semicolons in comments, strings and function bodies do not split it', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'earshot-migrations-'));
    await mkdir(path.join(dir, '20260101000000_tricky'));
    await writeFile(
      path.join(dir, '20260101000000_tricky', 'migration.sql'),
      [
        '-- a comment; with a semicolon',
        "CREATE TABLE tricky (note text DEFAULT 'a;b');",
        'CREATE FUNCTION tricky_twice(n integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN n * 2; END; $$;',
      ].join('\n'),
    );
    const test = await createTestDatabase(kind, { prepared: false });
    const db = await test.open();
    try {
      expect(await migrateDatabase(db, dir)).toEqual(['20260101000000_tricky']);
      expect((await db.executeSql('select tricky_twice(21) as answer')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await db.close();
      await test.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
