import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config/load-config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateDatabase } from './db/migrate.js';
import { healthRoute } from './http/health-route.js';
import type { Logger } from './log/create-logger.js';
import { buildSlackApp } from './slack/build-slack-app.js';

export interface RunningEarshot {
  readonly database: Database;
  /** The HTTP port actually bound (Slack requests in HTTP mode, and /healthz). */
  readonly port: number | undefined;
  stop(): Promise<void>;
}

/** Opens and migrates the database, then starts the Slack app. */
export async function startEarshot(config: Config, logger: Logger): Promise<RunningEarshot> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateDatabase(database);
    logger.info({ database: database.kind, applied }, applied.length ? 'database migrated' : 'database schema up to date');

    const slackApp = buildSlackApp({ slack: config.slack, port: config.port, logger, customRoutes: [healthRoute(database)] });
    const started = (await slackApp.start(config.port)) as unknown;
    const port = config.slack.mode === 'http' ? ((started as Server).address() as AddressInfo).port : config.port;
    logger.info({ mode: config.slack.mode, port }, 'Earshot is running');

    return {
      database,
      port,
      async stop() {
        await slackApp.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
