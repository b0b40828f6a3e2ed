import type { types } from '@slack/bolt';

/** A modal that only tells something (one mrkdwn section) and can be closed. */
export function renderNoticeModal(notice: { title: string; text: string; close?: string }): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: notice.title },
    close: { type: 'plain_text', text: notice.close ?? 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: notice.text } }],
  };
}
