import { describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { toSlackLogger } from '../../src/log/bolt-logger.js';
import { createLogger, withCorrelation } from '../../src/log/create-logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('createLogger', () => {
  it('never writes secrets: by field name, inside messages, and through the Slack logger', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', secrets: ['xoxb-secret-bot-token', 'signing-secret-value'], destination });

    logger.info({ token: 'xoxb-other', headers: { authorization: 'Bearer abc', 'x-slack-signature': 'v0=deadbeef' } }, 'request');
    logger.info({ config: { botToken: 'xoxb-secret-bot-token', accessSecret: 'xyz' } }, 'config');
    logger.warn('calling with xoxb-secret-bot-token failed');
    toSlackLogger(logger).error('signature check with signing-secret-value failed', new Error('token xoxb-secret-bot-token revoked'));

    const output = lines.join('');
    for (const secret of ['xoxb-other', 'Bearer abc', 'v0=deadbeef', 'xoxb-secret-bot-token', 'xyz', 'signing-secret-value']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
    expect(lines).toHaveLength(4);
  });

  it('gives each unit of work a correlation id', () => {
    const { lines, destination } = capture();
    withCorrelation(createLogger({ level: 'info', destination }), 'pollId', 'poll-7').info('polled');
    expect(JSON.parse(lines[0]!)).toMatchObject({ pollId: 'poll-7', msg: 'polled' });
  });

  it('maps Bolt log levels onto pino', () => {
    const { lines, destination } = capture();
    const slackLogger = toSlackLogger(createLogger({ level: 'info', destination }));
    slackLogger.setLevel(LogLevel.WARN);
    slackLogger.info('hidden');
    slackLogger.warn('shown');
    expect(slackLogger.getLevel()).toBe(LogLevel.WARN);
    expect(lines.map((line) => (JSON.parse(line) as { msg: unknown }).msg)).toEqual(['shown']);
  });
});
