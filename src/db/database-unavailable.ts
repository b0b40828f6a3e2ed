/** The database cannot be used at all; the message says what to do, in one sentence. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** A plain explanation of why PostgreSQL refused a connection, with the fix; undefined when the cause is unknown. */
export function explainConnectionFailure(error: unknown, connectionString: string): string | undefined {
  const code = (error as { code?: unknown }).code;
  const where = describeServer(connectionString);
  switch (code) {
    case '3D000':
      return `The database "${where.database}" does not exist on ${where.server}. Create it (\`createdb -h ${where.host} -p ${where.port} ${where.database}\`) or point DATABASE_URL at an existing database.`;
    case '28P01':
    case '28000':
      if (!where.userGiven)
        return `DATABASE_URL names no user for ${where.server}: add one, like postgresql://earshot:password@${where.server}/${where.database}.`;
      return `PostgreSQL on ${where.server} refused the user "${where.user}" (wrong password or no access to "${where.database}"). Check the user and password in DATABASE_URL.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return `Nothing answers as PostgreSQL at ${where.server}. Start PostgreSQL there, or fix the host and port in DATABASE_URL (or unset it to use the embedded database).`;
    default:
      return undefined;
  }
}

function describeServer(connectionString: string) {
  const url = new URL(connectionString);
  const host = url.hostname || 'localhost';
  const port = url.port || '5432';
  return {
    host,
    port,
    server: `${host}:${port}`,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(url.username),
    userGiven: url.username !== '',
  };
}
