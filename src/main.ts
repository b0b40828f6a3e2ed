// Production entry point: configuration → logger → Earshot; SIGTERM/SIGINT stop it cleanly.
import { ConfigError, loadConfig, readEnvironment, secretsOf } from './config/load-config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { DatabaseUnavailableError } from './db/database-unavailable.js';
import { openMigratedDatabase } from './db/open-migrated-database.js';
import { createLogger } from './log/create-logger.js';

const setupHelp = 'See docs/configuration.md and "Create the Slack app" in README.md.';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment(process.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Earshot cannot start: ${error.problems.length} configuration problem(s).\n`);
    for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    process.stderr.write(`${setupHelp}\n`);
    process.exit(1);
  }

  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  // The database opens (the embedded one in its own thread) while the rest of Earshot loads:
  // Bolt, the Slack listeners and their dependencies take about a second to import.
  const database = openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, logger);
  // Failing before Earshot has loaded would otherwise be an unhandled rejection; startEarshot reports it.
  database.catch(() => undefined);
  const starting = import('./earshot.js').then(({ startEarshot }) => startEarshot(config, logger, { database }));
  // Registered before start-up ends: /healthz answers a little before startEarshot returns, and a
  // SIGTERM then must still stop Earshot in order rather than kill it.
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await starting.then(
      (earshot) => earshot.stop(),
      () => undefined,
    );
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  try {
    const earshot = await starting;
    // The embedded database's worker thread is gone: nothing can be stored any more. Exiting lets
    // the supervisor (Docker, systemd) restart Earshot, which reopens the data directory.
    void earshot.database.unexpectedExit?.then((error) => {
      logger.fatal({ err: error }, 'the embedded database stopped unexpectedly; Earshot exits');
      process.exit(1);
    });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError || error instanceof DataDirInUseError) {
      logger.fatal(error.message);
      process.stderr.write(`Earshot cannot start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'Earshot failed to start');
    }
    process.exit(1);
  }
}

await main();
