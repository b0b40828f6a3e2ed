import type { types } from '@slack/bolt';
import { z } from 'zod';
import { listNetworkNames, networkOf } from '../../channels/networks.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { ForgetPreview } from '../../forget/forget-preview.js';
import { slackArchiveUrl } from '../sync/conversation-view.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { renderNoticeModal } from './notice-modal.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';

export const FORGET_CALLBACK_ID = 'forget_submit';

export const REMOVAL_NOTICE = 'Removed at the customer’s request (data request).';

/** What erasing in Earshot cannot reach: said before anyone confirms. */
function unreachableText(preview: ForgetPreview): string {
  const networks = preview.platforms.map(networkOf);
  const where = `${listNetworkNames(networks, 'and')} ${networks.length > 1 ? 'themselves, which keep' : 'itself, which keeps'}`;
  return (
    '*Earshot cannot reach:* CSV files and report exports already downloaded; copies people made (forwarded, quoted, pasted or screenshotted messages); ' +
    `${where} the customer’s public posts, their direct messages and the brand’s public replies until they are deleted there.`
  );
}

const forgetMetadata = z.object({ authorIds: z.array(z.uuid()).min(1), conversations: z.number().int().min(0) });
export type ForgetMetadata = z.infer<typeof forgetMetadata>;

export function readForgetMetadata(privateMetadata: string): ForgetMetadata | null {
  try {
    const parsed = forgetMetadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What replaces each Slack message Earshot posted for a forgotten customer. */
export function renderRemovalNotice(): SlackMessage {
  return { text: REMOVAL_NOTICE, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `🗑️ ${REMOVAL_NOTICE}` }] }] };
}

/** `/social forget @handle`: what will happen, before anything does. */
export function renderForgetModal(input: { handle: string; preview: ForgetPreview }): types.ModalView {
  const { preview } = input;
  const handle = escapeMrkdwn(input.handle);
  const metadata: ForgetMetadata = { authorIds: preview.authorIds, conversations: preview.conversations };
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          `*${plural(preview.conversations, 'conversation')} and ${plural(preview.posts, 'post')} of @${handle} will be erased from Earshot.* ` +
          `Their handle, name and picture are removed, and the text of every message in those conversations is deleted. ` +
          `Counts and response times stay, so reports do not change. This cannot be undone.`,
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `In Slack, every message Earshot posted in those threads, the DMs it sent your team about them (hand-offs, rejected drafts, SLA reminders) and their examples in surge alerts are replaced by “${REMOVAL_NOTICE}”`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: unreachableText(preview) } },
  ];
  if (preview.notes.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notesText(preview.notes) } });
  return {
    type: 'modal',
    callback_id: FORGET_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Data request' },
    submit: { type: 'plain_text', text: 'Erase' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** The modal once the data is erased. */
export function renderForgetDone(outcome: { conversations: number; messages: number; refs: readonly number[] }): types.ModalView {
  const refs = outcome.refs.slice(0, 20).map(formatConversationRef).join(', ');
  const more = outcome.refs.length > 20 ? ` and ${outcome.refs.length - 20} more` : '';
  return renderNoticeModal({
    title: 'Data request',
    close: 'Done',
    text:
      `✅ Erased: ${plural(outcome.conversations, 'conversation')}${refs ? ` (${refs}${more})` : ''}, ${plural(outcome.messages, 'message')}. ` +
      'The Slack threads are being replaced by a removal notice. The request is recorded in the audit trail (without the handle).',
  });
}

function notesText(notes: ForgetPreview['notes']): string {
  const head = `*Notes your team wrote in those threads are not Earshot’s to delete:* their authors (or a workspace admin) must delete them by hand.`;
  const lines: string[] = [];
  let length = head.length;
  for (const [index, note] of notes.entries()) {
    const line = `• ${formatMrkdwnLink(slackArchiveUrl(note.slackChannelId, note.slackTs), `note in ${formatConversationRef(note.ref)}`)}`;
    const rest = notes.length - index;
    if (length + line.length + 40 > SECTION_TEXT_MAX) {
      lines.push(`• … and ${plural(rest, 'more note')}`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return [head, ...lines].join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The modal with one sentence (out of date, refused, failed). */
export function renderForgetNotice(text: string): types.ModalView {
  return renderNoticeModal({ title: 'Data request', text });
}
