// Production entry point: configuration → logger → Earshot; SIGTERM/SIGINT stop it cleanly.
import { ConfigError, loadConfig, readEnvironment, secretsOf } from './config/load-config.js';
import { DatabaseUnavailableError } from './db/database-unavailable.js';
import { createLogger } from './log/create-logger.js';
import { startEarshot } from './earshot.js';

const setupHelp = 'See "Configuration" and "Create the Slack app" in README.md.';

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
  try {
    const earshot = await startEarshot(config, logger);
    const stop = async (signal: string) => {
      logger.info({ signal }, 'stopping');
      await earshot.stop();
      process.exit(0);
    };
    process.once('SIGTERM', (signal) => void stop(signal));
    process.once('SIGINT', (signal) => void stop(signal));
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      logger.fatal(error.message);
      process.stderr.write(`Earshot cannot start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'Earshot failed to start');
    }
    process.exit(1);
  }
}

await main();
