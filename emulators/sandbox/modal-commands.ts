import { jsonText, type SlackView } from '../slack/index.js';
import { describeChanges, observe, takeSnapshot, watchChanges } from './changes.js';
import { renderView, textOf } from './render-slack-message.js';
import { UsageError, type Command, type Session } from './session.js';
import { renderContextOf } from './workspace.js';

const typeWaitMs = 3000;
const replyWaitMs = 10_000;

function topModal(session: Session): SlackView {
  const modal = session.sandbox.slack.state.openViews(session.slackUser).at(-1);
  if (!modal) throw new UsageError(`${session.slackUser} has no modal open`);
  return modal;
}

function firstTextInput(modal: SlackView): { blockId: string; actionId: string } {
  for (const block of modal.blocks) {
    const element = block.element;
    if (block.type === 'input' && typeof element === 'object' && element !== null && !Array.isArray(element) && element.type === 'plain_text_input') {
      return { blockId: jsonText(block.block_id), actionId: jsonText(element.action_id) };
    }
  }
  throw new UsageError('the modal has no text input');
}

export const modalCommands: Command[] = [
  {
    name: 'modal',
    args: '',
    summary: 'the modal you have open',
    async run(_args, session) {
      session.print(...renderView(topModal(session), renderContextOf(session.sandbox)));
    },
  },
  {
    name: 'type',
    args: '<text>',
    summary: "replace the text in the modal's text box",
    async run(args, session) {
      const modal = topModal(session);
      const input = { user: session.slackUser, viewId: modal.id, ...firstTextInput(modal), value: args.trim() };
      await observe(session, async () => void (await session.sandbox.slack.driver.selectOption(input)), { expectChange: true, timeoutMs: typeWaitMs });
    },
  },
  {
    name: 'submit',
    args: '',
    summary: 'submit the modal (prints the errors Earshot answers with)',
    async run(_args, session) {
      const modal = topModal(session);
      const context = renderContextOf(session.sandbox);
      const before = takeSnapshot(session);
      const result = await session.sandbox.slack.driver.submitView({ user: session.slackUser, viewId: modal.id });
      if (result.responseAction === 'errors') {
        const label = (blockId: string) => textOf(modal.blocks.find((block) => block.block_id === blockId)?.label, context) || blockId;
        session.print('Earshot refused it; the modal stays open:', ...Object.entries(result.errors ?? {}).map(([blockId, error]) => `! ${label(blockId)}: ${error}`));
        return;
      }
      session.print(`Submitted "${textOf(modal.title, context)}".`);
      // The modal closing is not the effect to wait for: what Earshot then does in #social and on X is.
      const { after, changed } = await watchChanges(session, takeSnapshot(session), { expectChange: true, timeoutMs: replyWaitMs });
      session.print(...describeChanges(session, before, after));
      if (!changed) session.print(`(nothing new in #social or on X after ${replyWaitMs / 1000} s: Earshot may be waiting to retry; \`wait\` looks again)`);
    },
  },
  {
    name: 'close',
    args: '',
    summary: 'close the modal without submitting',
    async run(_args, session) {
      const modal = topModal(session);
      await observe(session, async () => void (await session.sandbox.slack.driver.closeView({ user: session.slackUser, viewId: modal.id })), { expectChange: false, timeoutMs: 0 });
    },
  },
];
