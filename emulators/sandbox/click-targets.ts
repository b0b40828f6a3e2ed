import { jsonText, type ElementTarget, type JsonObject } from '../slack/index.js';
import { textOf, type RenderContext } from './render-slack-message.js';
import { UsageError, type Session } from './session.js';
import { renderContextOf, threadMessages, threadParent } from './workspace.js';

export type Clickable =
  { kind: 'button'; label: string; actionId: string; blockId: string } | { kind: 'option'; label: string; actionId: string; blockId: string; value: string };

/** A place with buttons: where the driver finds them, and the blocks to look in. */
export interface ClickSurface {
  target: ElementTarget;
  blocks: readonly JsonObject[];
}

/** What `click` was asked for: the surfaces to search (in order) and what to call them in errors. */
export interface ClickRequest {
  surfaces: ClickSurface[];
  where: string;
  wanted: string;
}

/** Buttons, and the options of overflow menus, of actions blocks and section accessories. */
export function clickables(blocks: readonly JsonObject[], context: RenderContext): Clickable[] {
  return blocks.flatMap((block) => {
    const blockId = jsonText(block.block_id ?? '');
    const elements = [...(Array.isArray(block.elements) && block.type === 'actions' ? block.elements : []), block.accessory];
    return elements.flatMap((element): Clickable[] => {
      if (typeof element !== 'object' || element === null || Array.isArray(element)) return [];
      const actionId = jsonText(element.action_id);
      if (element.type === 'button') return [{ kind: 'button', label: textOf(element.text, context), actionId, blockId }];
      if (element.type !== 'overflow' || !Array.isArray(element.options)) return [];
      return (element.options as JsonObject[]).map((option) => ({
        kind: 'option',
        label: textOf(option.text, context),
        actionId,
        blockId,
        value: jsonText(option.value),
      }));
    });
  });
}

const splitWord = (text: string): [string, string] => {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return [match?.[1] ?? '', match?.[2] ?? ''];
};

/** `dm [N] <button>`: message N of your DM with Earshot, or the newest one that has the button. */
function inDm(session: Session, rest: string): ClickRequest {
  const { channel, messages } = session.sandbox.slack.state.directMessages(session.slackUser);
  if (!channel || messages.length === 0) throw new UsageError(`${session.slackUser} has no DMs from Earshot yet (see \`dms\`)`);
  const [first, after] = splitWord(rest);
  const numbered = /^\d+$/.test(first);
  const chosen = numbered ? [messages[Number(first) - 1]] : [...messages].reverse();
  if (chosen[0] === undefined) throw new UsageError(`no dm ${first}: ${session.slackUser}'s DMs are numbered 1 to ${messages.length} (see \`dms\`)`);
  return {
    surfaces: chosen.flatMap((message) => (message ? [{ target: { channel, ts: message.ts }, blocks: message.blocks ?? [] }] : [])),
    where: `${session.slackUser}'s DM${numbered ? ` ${first}` : 's'}`,
    wanted: numbered ? after : rest,
  };
}

/**
 * `home [N|E-ref] <button>`: a button of your App Home; N is the Nth conversation listed with
 * buttons, E-ref the conversation with that reference.
 */
function inHome(session: Session, rest: string): ClickRequest {
  const home = session.sandbox.slack.state.homeView(session.slackUser);
  if (!home) throw new UsageError(`${session.slackUser} has no App Home yet: open it with \`home\``);
  const [first, after] = splitWord(rest);
  const context = renderContextOf(session.sandbox);
  // An item is a section followed by the actions block with its buttons.
  const items = home.blocks.flatMap((block, index) => {
    const next = home.blocks[index + 1];
    return block.type === 'section' && next?.type === 'actions' ? [{ text: textOf(block.text, context), actions: next }] : [];
  });
  let blocks: readonly JsonObject[] = home.blocks;
  let wanted = rest;
  let where = `${session.slackUser}'s App Home`;
  if (/^\d+$/.test(first) || /^E-\d+$/i.test(first)) {
    const item = /^\d+$/.test(first) ? items[Number(first) - 1] : items.find((candidate) => new RegExp(`\\b${first}\\b`, 'i').test(candidate.text));
    if (!item) throw new UsageError(`no conversation "${first}" with buttons in the App Home (${items.length} listed; see \`home\`)`);
    blocks = [item.actions];
    wanted = after;
    where += ` (${first})`;
  }
  return { surfaces: [{ target: { home: true }, blocks }], where, wanted };
}

/** `ephemeral <button>`: the newest message only you see that has the button (e.g. a report's "Share in channel"). */
function inEphemeral(session: Session, rest: string): ClickRequest {
  const ephemerals = session.sandbox.slack.state.ephemerals(session.slackUser).reverse();
  if (ephemerals.length === 0) throw new UsageError(`${session.slackUser} has no messages only they can see`);
  return {
    surfaces: ephemerals.map((ephemeral) => ({ target: { ephemeralTs: ephemeral.ts }, blocks: ephemeral.blocks ?? [] })),
    where: `the messages only ${session.slackUser} sees`,
    wanted: rest,
  };
}

/** `<thread#> <button>`: the parent first, then the thread's messages, newest first. */
function inThread(session: Session, number: string, rest: string): ClickRequest {
  const { sandbox } = session;
  const parent = threadParent(sandbox, number);
  const messages = [parent, ...threadMessages(sandbox, parent.ts).slice(1).reverse()];
  return {
    surfaces: messages.map((message) => ({ target: { channel: sandbox.channelId, ts: message.ts }, blocks: message.blocks ?? [] })),
    where: `thread ${number}`,
    wanted: rest,
  };
}

export function clickRequest(session: Session, args: string): ClickRequest {
  const [first, rest] = splitWord(args);
  switch (first.toLowerCase()) {
    case 'dm':
      return inDm(session, rest);
    case 'home':
      return inHome(session, rest);
    case 'ephemeral':
      return inEphemeral(session, rest);
    default:
      return inThread(session, first, rest);
  }
}
