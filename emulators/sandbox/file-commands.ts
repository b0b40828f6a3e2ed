import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredFile } from '../slack/index.js';
import { UsageError, type Command, type Session } from './session.js';

const shownTextLines = 20;

/** Where a file was shared, as a person would say it: #social, or bob's DM. */
function sharedIn(session: Session, file: StoredFile): string {
  const places = file.channels.map((id) => {
    const snapshot = session.sandbox.slack.state.channel(id);
    if (snapshot.kind !== 'im') return `#${snapshot.name}`;
    const person = snapshot.imUser === undefined ? undefined : session.sandbox.slack.state.user(snapshot.imUser).name;
    return `${person ?? 'someone'}'s DM`;
  });
  return places.length > 0 ? places.join(', ') : 'not shared';
}

const isText = (file: StoredFile) => file.mimetype.startsWith('text/') || /\.(csv|txt|json)$/i.test(file.name);

export const fileCommands: Command[] = [
  {
    name: 'files',
    args: '',
    summary: 'files Earshot uploaded (report CSVs, charts, audit exports), numbered',
    async run(_args, session) {
      const files = session.sandbox.slack.state.files();
      if (files.length === 0) {
        session.print('Earshot has uploaded no files yet (try `/socialreport csv`).');
        return;
      }
      session.print(
        'Files in Slack, oldest first:',
        ...files.map((file, index) => `  ${index + 1}. ${file.name} (${file.mimetype}, ${file.length} bytes) in ${sharedIn(session, file)}`),
      );
    },
  },
  {
    name: 'file',
    args: '<N>',
    summary: 'save file N next to the log (and print it when it is text)',
    async run(args, session) {
      const files = session.sandbox.slack.state.files();
      const file = files[Number(args.trim()) - 1];
      if (!file || !/^\d+$/.test(args.trim()))
        throw new UsageError(files.length === 0 ? 'there are no files yet' : `files are numbered 1 to ${files.length} (see \`files\`)`);
      const saved = path.join(session.sandbox.dir, 'files', path.basename(file.name));
      await mkdir(path.dirname(saved), { recursive: true });
      await writeFile(saved, file.content ?? Buffer.alloc(0));
      const relative = path.relative(process.cwd(), saved);
      session.print(`Saved ${file.name} to ${relative.startsWith('..') ? saved : `.${path.sep}${relative}`}.`);
      if (!isText(file) || !file.content) return;
      const lines = file.content.toString('utf8').split('\n');
      session.print(
        ...lines.slice(0, shownTextLines).map((line) => `  ${line}`),
        ...(lines.length > shownTextLines ? [`  … ${lines.length - shownTextLines} more line(s)`] : []),
      );
    },
  },
];
