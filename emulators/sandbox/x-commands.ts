import type { EmulatedPost, FaultSpec } from '../x/index.js';
import { observe } from './changes.js';
import { required, splitFirst, UsageError, type Command, type Session } from './session.js';
import { threadParent } from './workspace.js';
import { describeDm, describePost, latestInConversation, postOfThread } from './x-posts.js';

const slackWaitMs = 10_000;
/** Earshot reads X's DMs once a minute (X allows 15 reads per 15 minutes), so a DM can take that long. */
const dmWaitMs = 70_000;
const shownPosts = 15;

/** X only lists a post among the brand's mentions if it names the brand. */
function addressedToBrand(session: Session, text: string): string {
  const brand = session.sandbox.x.brand.username;
  return new RegExp(`(^|[^A-Za-z0-9_])@${brand}(?![A-Za-z0-9_])`, 'i').test(text) ? text : `@${brand} ${text}`;
}

/** Waits for the effect of something done on a network to show up in Slack, and prints it. */
export async function waitForSlack(session: Session, timeoutMs = slackWaitMs): Promise<void> {
  const changed = await observe(session, async () => undefined, { expectChange: true, timeoutMs });
  if (!changed) session.print(`(nothing reached Slack within ${timeoutMs / 1000} s; \`wait\` looks again, ${session.sandbox.logFile} says why)`);
}

function postedAs(session: Session, who: string, post: EmulatedPost): void {
  session.print(`${who} posted on X: ${describePost(session.sandbox.x, post)}`, 'Waiting for Earshot to bring it into Slack…');
}

const faults: Record<string, { spec: FaultSpec; effect: string }> = {
  '503': { spec: { method: 'POST', path: '/2/tweets', kind: 'status', status: 503 }, effect: 'answer 503 Service Unavailable' },
  '429': { spec: { method: 'POST', path: '/2/tweets', kind: 'rateLimit', resetInSeconds: 15 }, effect: 'answer 429 Too Many Requests (window resets in 15 s)' },
  drop: { spec: { method: 'POST', path: '/2/tweets', kind: 'commitThenDrop' }, effect: 'publish the post, then drop the connection without answering' },
};

export const xCommands: Command[] = [
  {
    name: 'mention',
    args: '<text>',
    summary: 'post "@brand <text>" as the current customer',
    async run(args, session) {
      const text = addressedToBrand(session, required(args, 'what the customer writes'));
      postedAs(session, `@${session.customer}`, session.sandbox.x.control.post(session.customer, { text }));
      await waitForSlack(session);
    },
  },
  {
    name: 'followup',
    args: '<thread#> <text>',
    summary: 'the customer writes again in that conversation',
    async run(args, session) {
      const [number, rest] = splitFirst(args);
      const { x } = session.sandbox;
      const latest = latestInConversation(x, postOfThread(x, threadParent(session.sandbox, number)));
      const text = addressedToBrand(session, required(rest, 'what the customer writes'));
      postedAs(session, `@${session.customer}`, x.control.post(session.customer, { text, replyToId: latest.id }));
      await waitForSlack(session);
    },
  },
  {
    name: 'customer',
    args: '@handle',
    summary: 'become another customer on X (created if new)',
    async run(args, session) {
      const handle = required(args, "the customer's @handle").replace(/^@/, '');
      if (!/^[A-Za-z0-9_]{1,15}$/.test(handle)) throw new UsageError('an X handle has 1 to 15 letters, digits or _');
      const { control, brand } = session.sandbox.x;
      if (handle.toLowerCase() === brand.username.toLowerCase()) throw new UsageError(`@${brand.username} is the brand: use \`brand-reply\``);
      const existing = control.user(handle);
      const user = existing ?? control.createUser({ username: handle, name: handle.charAt(0).toUpperCase() + handle.slice(1) });
      session.customer = user.username;
      session.print(`You are now @${user.username} (${user.name}) on X${existing ? '' : ', a new customer'}.`);
    },
  },
  {
    name: 'brand-reply',
    args: '<thread#> <text>',
    summary: 'the brand replies from the X app, outside Earshot',
    async run(args, session) {
      const [number, rest] = splitFirst(args);
      const { x } = session.sandbox;
      const latest = latestInConversation(x, postOfThread(x, threadParent(session.sandbox, number)));
      postedAs(session, `@${x.brand.username}`, x.control.postAsBrand({ text: required(rest, 'what the brand writes'), replyToId: latest.id }));
      await waitForSlack(session);
    },
  },
  {
    name: 'x',
    args: '[dms | dm <text>]',
    summary: 'the latest posts on X (what the public sees); `x dms`: direct messages; `x dm <text>`: the customer DMs the brand',
    async run(args, session) {
      const [sub, rest] = splitFirst(args);
      const { x } = session.sandbox;
      if (sub === 'dm') {
        const event = x.control.sendDm(session.customer, { text: required(rest, 'what the customer writes') });
        session.print(
          `@${session.customer} sent a direct message on X: ${describeDm(x, event)}`,
          'Waiting for Earshot to bring it into Slack (it reads DMs once a minute)…',
        );
        await waitForSlack(session, dmWaitMs);
        return;
      }
      if (sub === 'dms') {
        const events = x.control.dmEvents().slice(0, shownPosts).reverse();
        session.print(
          ...(events.length === 0
            ? ['No direct messages on X yet.']
            : ['Direct messages on X (private), newest last:', ...events.map((event) => `  ${describeDm(x, event)}`)]),
        );
        return;
      }
      if (sub !== '') throw new UsageError('`x`, `x dms` or `x dm <text>`');
      const posts = x.control.posts().slice(0, shownPosts).reverse();
      if (posts.length === 0) {
        session.print('Nothing on X yet.');
        return;
      }
      session.print(`On X (public), newest last:`, ...posts.map((post) => `  ${describePost(x, post)}`));
    },
  },
  {
    name: 'fault',
    args: '<503|429|drop>',
    summary: 'the next reply Earshot posts on X fails that way',
    async run(args, session) {
      const fault = faults[args.trim().toLowerCase()];
      if (!fault) throw new UsageError(`one of ${Object.keys(faults).join(', ')}`);
      session.sandbox.x.control.injectFault(fault.spec);
      session.print(`The next POST /2/tweets will ${fault.effect}.`);
    },
  },
];
