import { jsonText, type JsonObject, type SlackView } from '../slack/index.js';
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

/** A select menu of the modal, where it is, and how a typed name maps to its value (undefined: not offered). */
interface Picker {
  blockId: string;
  actionId: string;
  label: string;
  valueFor(name: string): string | undefined;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function pickers(session: Session, modal: SlackView): Picker[] {
  const { users, channels } = session.sandbox.slack;
  const context = renderContextOf(session.sandbox);
  return modal.blocks.flatMap((block): Picker[] => {
    const candidates = [block.element, block.accessory, ...(block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [])];
    return candidates.filter(isObject).flatMap((element): Picker[] => {
      const type = jsonText(element.type);
      const where = {
        blockId: jsonText(block.block_id),
        actionId: jsonText(element.action_id),
        label: textOf(block.label, context) || textOf(element.placeholder, context) || type,
      };
      if (type === 'users_select' || type === 'multi_users_select') {
        return [{ ...where, valueFor: (name) => (users[name.replace(/^@/, '')]?.is_bot === false ? users[name.replace(/^@/, '')]?.id : undefined) }];
      }
      if (['conversations_select', 'channels_select', 'multi_conversations_select', 'multi_channels_select'].includes(type)) {
        return [{ ...where, valueFor: (name) => channels[name.replace(/^#/, '')] }];
      }
      if (!['static_select', 'multi_static_select', 'radio_buttons', 'checkboxes'].includes(type)) return [];
      const options = [
        ...(Array.isArray(element.options) ? element.options : []),
        ...(Array.isArray(element.option_groups)
          ? element.option_groups.flatMap((group) => (isObject(group) && Array.isArray(group.options) ? group.options : []))
          : []),
      ].filter(isObject);
      return [
        {
          ...where,
          valueFor: (name) => {
            const wanted = name.toLowerCase();
            const label = (option: JsonObject) => textOf(option.text, context).toLowerCase();
            // "billing" picks "Billing (@billing)": the whole label, its @handle, or the start of a word.
            const option =
              options.find((candidate) => label(candidate) === wanted || jsonText(candidate.value).toLowerCase() === wanted) ??
              options.find((candidate) => label(candidate).includes(`(@${wanted.replace(/^@/, '')})`)) ??
              options.find((candidate) => new RegExp(`(^|\\W)${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(label(candidate)));
            return option === undefined ? undefined : jsonText(option.value);
          },
        },
      ];
    });
  });
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
    name: 'pick',
    args: '<person|team|#channel|option>',
    summary: "choose in the modal's menus: a person (bob), a team (billing), a channel (#social) or an option by its label",
    async run(args, session) {
      const name = args.trim();
      if (name === '') throw new UsageError('say what to pick (a person, a team, a channel or an option)');
      const modal = topModal(session);
      const menus = pickers(session, modal);
      if (menus.length === 0) throw new UsageError('the modal has no menu to pick from');
      for (const menu of menus) {
        const value = menu.valueFor(name);
        if (value === undefined) continue;
        const choice = { user: session.slackUser, viewId: modal.id, blockId: menu.blockId, actionId: menu.actionId, value };
        await observe(session, async () => void (await session.sandbox.slack.driver.selectOption(choice)), { expectChange: true, timeoutMs: typeWaitMs });
        return;
      }
      throw new UsageError(
        `nothing called "${name}" in the modal's menus (${menus.map((menu) => menu.label).join(', ')}); \`people\` lists the people and teams`,
      );
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
        session.print(
          'Earshot refused it; the modal stays open:',
          ...Object.entries(result.errors ?? {}).map(([blockId, error]) => `! ${label(blockId)}: ${error}`),
        );
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
      await observe(session, async () => void (await session.sandbox.slack.driver.closeView({ user: session.slackUser, viewId: modal.id })), {
        expectChange: false,
        timeoutMs: 0,
      });
    },
  },
];
