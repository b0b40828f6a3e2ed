import { resolveConversation } from '../messages.js';
import { SlackApiError } from './errors.js';
import type { MethodTable } from './router.js';

export const reactionsMethods: MethodTable = {
  'reactions.add': {
    token: 'bot',
    required: { channel: 'no_item_specified', name: 'invalid_name', timestamp: 'no_item_specified' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      const message = core.state.findMessage(channel.id, params.requireString('timestamp'));
      if (!message) throw new SlackApiError('message_not_found');
      const name = params.requireString('name').replace(/^:|:$/g, '');
      if (!/^[a-z0-9_+'-]+$/.test(name)) throw new SlackApiError('invalid_name');
      const reactions = (message.reactions ??= []);
      const existing = reactions.find((r) => r.name === name);
      if (existing?.users.includes(core.app.botUserId)) throw new SlackApiError('already_reacted');
      if (existing) {
        existing.users.push(core.app.botUserId);
        existing.count += 1;
      } else {
        reactions.push({ name, users: [core.app.botUserId], count: 1 });
      }
      const eventTs = core.clock.next();
      core.events.inBackground(
        core.events.event('reaction_added', {
          type: 'reaction_added',
          user: core.app.botUserId,
          reaction: name,
          item_user: message.user ?? '',
          item: { type: 'message', channel: channel.id, ts: message.ts },
          event_ts: eventTs,
        }),
      );
      return { ok: true };
    },
  },
};
