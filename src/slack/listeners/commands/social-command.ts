import type { App } from '@slack/bolt';
import { setSignature } from '../../../conversations/set-signature.js';
import type { ListenerServices } from '../services.js';

const usage = [
  '*Earshot* — `/social <command>`',
  '• `help` — this list',
  '• `signature ^AL` — sign your public replies (`signature none` to stop)',
].join('\n');

/** `/social …`: answers are ephemeral; an unknown subcommand gets the usage, never a stack trace. */
export function registerSocialCommand(app: App, services: ListenerServices): void {
  app.command('/social', async ({ ack, command }) => {
    const [subcommand = 'help', ...rest] = command.text.trim().split(/\s+/);
    const argument = rest.join(' ');
    switch (subcommand.toLowerCase()) {
      case 'signature': {
        const result = await setSignature(services.prisma, command.user_id, argument);
        if (!result.ok) return ack({ response_type: 'ephemeral', text: result.error });
        return ack({
          response_type: 'ephemeral',
          text: result.signature ? `Your public replies will end with “ ${result.signature}”.` : 'Your public replies will not be signed.',
        });
      }
      case 'help':
      case '':
        return ack({ response_type: 'ephemeral', text: usage });
      default:
        return ack({ response_type: 'ephemeral', text: `Unknown command “${subcommand}”.\n${usage}` });
    }
  });
}
