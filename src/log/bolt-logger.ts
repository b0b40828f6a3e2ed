import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const pinoLevelFor: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt and the Slack SDKs log through this, so their lines share pino's format and redaction. */
export function toSlackLogger(base: Logger): SlackLogger {
  let logger = base.child({ component: 'slack' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      const error = messages.find((message): message is Error => message instanceof Error);
      const text = messages
        .filter((message) => message !== error)
        .map(String)
        .join(' ');
      if (error) logger[level]({ err: error }, text);
      else logger[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level) => {
      logger.level = pinoLevelFor[level];
    },
    getLevel: () => (Object.entries(pinoLevelFor).find(([, name]) => name === logger.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO,
    setName: (name) => {
      logger = base.child({ component: name });
    },
  };
}
