import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

/** Told how long each Slack request took to be acknowledged, and its kind (`block_actions`, `slash_command`…). */
export type AckObserver = (type: string, seconds: number) => void;

/**
 * The receiver, handing Bolt events whose `ack` reports the time from the request's arrival to
 * its acknowledgement: what Slack's 3-second limit is about, events' automatic acks included.
 */
export function withTimedAcks(receiver: Receiver, observe: AckObserver): Receiver {
  return {
    init(app: App) {
      // Everything but processEvent is the app's own: receivers only hand events over.
      const timed = Object.create(app) as App;
      timed.processEvent = (event: ReceiverEvent) => {
        const arrived = performance.now();
        let reported = false;
        return app.processEvent({
          ...event,
          ack: async (response) => {
            await event.ack(response);
            if (reported) return;
            reported = true;
            observe(kindOf(event.body), (performance.now() - arrived) / 1000);
          },
        });
      };
      receiver.init(timed);
    },
    start: (...args: unknown[]) => receiver.start(...args),
    stop: (...args: unknown[]) => receiver.stop(...args),
  };
}

function kindOf(body: ReceiverEvent['body']): string {
  if (typeof body.command === 'string') return 'slash_command';
  return typeof body.type === 'string' ? body.type : 'unknown';
}
