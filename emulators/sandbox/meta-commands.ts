import { required, type Command, type Session } from './session.js';
import { waitForSlack } from './x-commands.js';

/** The current customer on Facebook: the same name as on X (created the first time). */
function facebookCustomer(session: Session): string {
  const { control } = session.sandbox.meta;
  const existing = control.facebookUsers().find((user) => user.name === session.customer);
  return (existing ?? control.createFacebookUser({ name: session.customer })).id;
}

/** The current customer on Instagram: the same name as on X, as a lowercase username (created the first time). */
function instagramCustomer(session: Session): string {
  const { control } = session.sandbox.meta;
  const username = session.customer.toLowerCase();
  const existing = control.instagramUsers().find((user) => user.username === username);
  return (existing ?? control.createInstagramUser({ username })).id;
}

/** The Page's newest post (one is made the first time): customers comment under it. */
function pagePost(session: Session): string {
  const { control, page } = session.sandbox.meta;
  const own = control.posts().find((post) => post.authorId === page.id);
  return (own ?? control.createPost({ message: 'Our autumn range is in stock' })).id;
}

/** The brand's newest Instagram media (one is made the first time). */
function brandMedia(session: Session): string {
  const { control, instagram } = session.sandbox.meta;
  const own = control.media({ owner: instagram.id })[0];
  return (own ?? control.createMedia({ caption: 'Autumn collection' })).id;
}

export const metaCommands: Command[] = [
  {
    name: 'fb-comment',
    args: '<text>',
    summary: "comment on the Facebook Page's post as the current customer",
    async run(args, session) {
      const message = required(args, 'what the customer writes');
      const comment = session.sandbox.meta.control.comment({ from: facebookCustomer(session), on: pagePost(session), message });
      session.print(`${session.customer} commented on Facebook: ${comment.message}`, 'Waiting for Earshot to bring it into Slack…');
      await waitForSlack(session);
    },
  },
  {
    name: 'ig-comment',
    args: '<text>',
    summary: "comment on the brand's Instagram post as the current customer",
    async run(args, session) {
      const text = required(args, 'what the customer writes');
      const comment = session.sandbox.meta.control.commentOnMedia({ from: instagramCustomer(session), on: brandMedia(session), text });
      session.print(`@${session.customer.toLowerCase()} commented on Instagram: ${comment.text}`, 'Waiting for Earshot to bring it into Slack…');
      await waitForSlack(session);
    },
  },
];
