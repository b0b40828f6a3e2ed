import { randomSecret, nowSeconds } from '../ids.js';
import { botMessage, messageContent, requireBotMember, resolveConversation, storeBotMessage, threadParentTs } from '../messages.js';
import type { JsonObject, StoredFile } from '../types.js';
import { SlackApiError, invalidArguments } from './errors.js';
import { fileObject } from './objects.js';
import type { MethodTable } from './router.js';

export const UPLOAD_PREFIX = '/upload/v1/';

const TYPES: Record<string, { filetype: string; mimetype: string }> = {
  txt: { filetype: 'text', mimetype: 'text/plain' },
  csv: { filetype: 'csv', mimetype: 'text/csv' },
  json: { filetype: 'json', mimetype: 'application/json' },
  md: { filetype: 'markdown', mimetype: 'text/markdown' },
  png: { filetype: 'png', mimetype: 'image/png' },
  jpg: { filetype: 'jpg', mimetype: 'image/jpeg' },
  jpeg: { filetype: 'jpg', mimetype: 'image/jpeg' },
  pdf: { filetype: 'pdf', mimetype: 'application/pdf' },
};

function typeOf(name: string): { filetype: string; mimetype: string } {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[extension] ?? { filetype: 'binary', mimetype: 'application/octet-stream' };
}

/**
 * The upload flow behind @slack/web-api's files.uploadV2. Neither method is in the 2020 OpenAPI
 * description; shapes follow slack-payloads/webapi-response.files.*.json.
 */
export const filesMethods: MethodTable = {
  'files.getUploadURLExternal': {
    token: 'bot',
    required: { filename: 'invalid_arguments', length: 'invalid_arguments' },
    run: ({ core, params }) => {
      const name = params.requireString('filename');
      const length = Number(params.requireString('length'));
      if (!Number.isInteger(length) || length < 1) throw invalidArguments(['length must be a positive integer']);
      const file: StoredFile = {
        id: core.ids.next('F'),
        name,
        title: name,
        user: core.app.botUserId,
        created: nowSeconds(),
        length,
        content: null,
        ...typeOf(name),
        channels: [],
        completed: false,
        uploadPath: `${UPLOAD_PREFIX}${randomSecret(16)}`,
      };
      core.state.addFile(file);
      return { ok: true, upload_url: `${core.baseUrl()}${file.uploadPath}`, file_id: file.id };
    },
  },

  'files.completeUploadExternal': {
    token: 'bot',
    required: { files: 'invalid_arguments' },
    run: ({ core, params }) => {
      const entries = params.json('files', 'invalid_arguments');
      if (!Array.isArray(entries) || entries.length === 0) throw invalidArguments(['files must be a non-empty array']);
      const files = entries.map((entry: unknown) => {
        const { id, title } = (entry ?? {}) as { id?: unknown; title?: unknown };
        const file = typeof id === 'string' ? core.state.file(id) : undefined;
        if (!file || file.content === null || file.completed) throw new SlackApiError('file_not_found');
        if (typeof title === 'string' && title !== '') file.title = title;
        return file;
      });
      const channelId = params.string('channel_id');
      if (channelId !== undefined) {
        const channel = resolveConversation(core, channelId, false);
        requireBotMember(core, channel);
        const threadTs = params.string('thread_ts');
        const parentTs = threadTs === undefined ? undefined : threadParentTs(core, channel, threadTs);
        const content = messageContent(core, { text: params.string('initial_comment'), blocks: params.json('blocks', 'invalid_blocks_format') }, false);
        const message = botMessage(core, content, { upload: true, ...(parentTs !== undefined ? { thread_ts: parentTs } : {}) });
        for (const file of files) {
          file.channels.push(channel.id);
          file.shareTs = message.ts;
          if (parentTs !== undefined) file.threadTs = parentTs;
        }
        files.forEach((file) => (file.completed = true));
        message.files = files.map((file) => fileObject(core, file));
        storeBotMessage(core, channel, message);
      } else {
        files.forEach((file) => (file.completed = true));
      }
      return { ok: true, files: files.map((file): JsonObject => fileObject(core, file)) };
    },
  },
};
