import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { DatabaseUnavailableError, explainConnectionFailure } from '../../src/db/database-unavailable.js';
import { databaseKinds, postgresAdminUrl } from '../support/test-databases.js';

describe('a database Earshot cannot use', () => {
  it.skipIf(!databaseKinds.includes('postgresql'))('is explained in one sentence with the fix, not a stack trace', async () => {
    const missing = Object.assign(new URL(postgresAdminUrl), { pathname: '/earshot_no_such_database' }).href;
    const opening = openDatabase({ databaseUrl: missing, dataDir: 'memory://' });
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(
      /The database "earshot_no_such_database" does not exist on .*\. Create it \(`createdb -h .* earshot_no_such_database`\)/,
    );
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, 'postgresql://u@db.internal:6543/app', 'Nothing answers as PostgreSQL at db.internal:6543'],
    [{ code: '28P01' }, 'postgresql://earshot:bad@db:5432/app', 'refused the user "earshot"'],
    [{ code: '28000' }, 'postgresql://db/app', 'DATABASE_URL names no user for db:5432'],
  ])('explains %j', (error, url, expected) => {
    expect(explainConnectionFailure(error, url)).toContain(expected);
  });

  it('leaves unknown failures alone', () => {
    expect(explainConnectionFailure(new Error('boom'), 'postgresql://u@h/d')).toBeUndefined();
  });
});
