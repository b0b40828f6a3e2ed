import { required, type Command, type Session } from './session.js';
import { waitForSlack } from './x-commands.js';

/** The current customer on Bluesky: the same name as on X, as a bsky.social handle (created the first time). */
function blueskyCustomer(session: Session): string {
  const { control } = session.sandbox.bluesky;
  const handle = `${session.customer.toLowerCase().replace(/_/g, '-')}.bsky.social`;
  if (!control.user(handle)) control.createUser({ handle, displayName: session.customer });
  return handle;
}

/** Bluesky notifies the brand of a mention only when the text names it (the emulator adds the facet). */
function addressedToBrand(session: Session, text: string): string {
  const brand = session.sandbox.bluesky.brand.handle;
  return text.toLowerCase().includes(`@${brand}`) ? text : `@${brand} ${text}`;
}

export const blueskyCommands: Command[] = [
  {
    name: 'bsky-mention',
    args: '<text>',
    summary: 'post "@brand <text>" on Bluesky as the current customer',
    async run(args, session) {
      const text = addressedToBrand(session, required(args, 'what the customer writes'));
      const handle = blueskyCustomer(session);
      const post = session.sandbox.bluesky.control.post(handle, { text });
      session.print(`@${handle} posted on Bluesky: ${post.text}`, 'Waiting for Earshot to bring it into Slack…');
      await waitForSlack(session);
    },
  },
];
