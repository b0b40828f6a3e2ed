/** Block Kit messages and views as plain terminal text, the way a person would read them in Slack. */

type Obj = Record<string, unknown>;

export interface RenderContext {
  /** A user's name (alice) for an id (U…), or undefined when unknown. */
  userName(id: string): string | undefined;
  /** A channel's name (social) for an id (C…), or undefined when unknown. */
  channelName?(id: string): string | undefined;
  /** A user group's handle (billing) for an id (S…), or undefined when unknown. */
  usergroupHandle?(id: string): string | undefined;
}

export interface RenderableMessage {
  text?: string;
  blocks?: readonly Obj[];
  user?: string;
  bot_id?: string;
  bot_profile?: Obj;
  /** Files shared with the message (uploads). */
  files?: readonly Obj[];
}

export interface RenderableView {
  title?: Obj | null;
  submit?: Obj | null;
  close?: Obj | null;
  blocks: readonly Obj[];
  state?: { values: Record<string, Record<string, Obj>> };
}

type ViewValues = Record<string, Record<string, Obj>>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Resolves Slack's `<…>` tokens (links, mentions, dates) and entities in mrkdwn or plain text. */
export function renderMrkdwn(text: string, context: RenderContext): string {
  return text
    .split(/(<[^<>]+>)/)
    .map((piece) => (piece.startsWith('<') && piece.endsWith('>') ? renderToken(piece.slice(1, -1), context) : unescape(piece)))
    .join('');
}

function renderToken(token: string, context: RenderContext): string {
  const bar = token.indexOf('|');
  const target = bar < 0 ? token : token.slice(0, bar);
  const label = bar < 0 ? undefined : unescape(token.slice(bar + 1));
  if (target.startsWith('@')) return `@${context.userName(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${context.channelName?.(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return teamName(target.slice('!subteam^'.length), label, context);
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  const url = unescape(target);
  return label === undefined || label === url ? url : `${label} (${url})`;
}

/** A team as Slack shows it: its @handle, whatever label the app put beside the id. */
function teamName(id: string, label: string | undefined, context: RenderContext): string {
  const handle = context.usergroupHandle?.(id);
  return handle !== undefined ? `@${handle}` : (label ?? `@${id}`);
}

/** Text of a text object (mrkdwn or plain_text); empty for anything else. */
export function textOf(value: unknown, context: RenderContext): string {
  return isObj(value) && typeof value.text === 'string' ? renderMrkdwn(value.text, context) : '';
}

function renderElement(element: Obj, context: RenderContext): string {
  const label = textOf(element.text, context);
  switch (element.type) {
    case 'button':
      return `[${label}]`;
    case 'overflow':
      return `[⋯ ${objects(element.options)
        .map((option) => textOf(option.text, context))
        .join(' | ')}]`;
    case 'image':
      return '';
    default: {
      const placeholder = textOf(element.placeholder, context);
      return `[${placeholder || String(element.type)} ▾]`;
    }
  }
}

function renderRichText(elements: readonly Obj[], context: RenderContext): string {
  return elements
    .map((element) => {
      switch (element.type) {
        case 'text':
          return str(element.text) ?? '';
        case 'user':
          return `@${context.userName(String(element.user_id)) ?? String(element.user_id)}`;
        case 'channel':
          return `#${context.channelName?.(String(element.channel_id)) ?? String(element.channel_id)}`;
        case 'usergroup':
          return teamName(String(element.usergroup_id), undefined, context);
        case 'broadcast':
          return `@${String(element.range)}`;
        case 'emoji':
          return `:${String(element.name)}:`;
        case 'link': {
          const url = String(element.url);
          const label = str(element.text);
          return label && label !== url ? `${label} (${url})` : url;
        }
        default:
          return '';
      }
    })
    .join('');
}

function renderRichTextBlock(block: Obj, context: RenderContext): string[] {
  return objects(block.elements).flatMap((part) => {
    const inner = objects(part.elements);
    switch (part.type) {
      case 'rich_text_list':
        return inner.map((item) => `• ${renderRichText(objects(item.elements), context)}`);
      case 'rich_text_quote':
        return renderRichText(inner, context)
          .split('\n')
          .map((line) => `> ${line}`);
      default:
        return renderRichText(inner, context).split('\n');
    }
  });
}

/** What an input shows: what the person entered (view state), else its initial value. */
function inputValue(element: Obj, entered: Obj | undefined, context: RenderContext): string | undefined {
  const source = entered ?? {
    value: element.initial_value,
    selected_option: element.initial_option,
    selected_options: element.initial_options,
    selected_user: element.initial_user,
    selected_date: element.initial_date,
  };
  if (typeof source.value === 'string') return source.value;
  if (isObj(source.selected_option)) return textOf(source.selected_option.text, context);
  if (Array.isArray(source.selected_options) && source.selected_options.length > 0) {
    return objects(source.selected_options)
      .map((option) => textOf(option.text, context))
      .join(', ');
  }
  if (typeof source.selected_user === 'string') return `@${context.userName(source.selected_user) ?? source.selected_user}`;
  if (typeof source.selected_date === 'string') return source.selected_date;
  return undefined;
}

function renderInput(block: Obj, values: ViewValues, context: RenderContext): string[] {
  const element = isObj(block.element) ? block.element : {};
  const entered = values[String(block.block_id)]?.[String(element.action_id)];
  const label = `${textOf(block.label, context)}${block.optional === true ? ' (optional)' : ''}:`;
  const value = inputValue(element, entered, context);
  const lines = [label];
  if (value === undefined || value === '') {
    const placeholder = textOf(element.placeholder, context);
    lines.push(`  │ ${placeholder ? `(empty: ${placeholder})` : '(empty)'}`);
  } else {
    lines.push(...value.split('\n').map((line) => `  │ ${line}`));
  }
  const hint = textOf(block.hint, context);
  if (hint) lines.push(`  ${hint}`);
  return lines;
}

function renderBlock(block: Obj, values: ViewValues, context: RenderContext): string[] {
  switch (block.type) {
    case 'section': {
      const lines = textOf(block.text, context).split('\n');
      for (const field of objects(block.fields)) lines.push(...textOf(field, context).split('\n'));
      const accessory = isObj(block.accessory) ? renderElement(block.accessory, context) : '';
      if (accessory) lines.push(accessory);
      return lines;
    }
    case 'context':
      return [
        objects(block.elements)
          .map((element) => (element.type === 'image' ? '' : textOf(element, context)))
          .filter(Boolean)
          .join('  '),
      ];
    case 'actions':
      return [
        objects(block.elements)
          .map((element) => renderElement(element, context))
          .join(' '),
      ];
    case 'input':
      return renderInput(block, values, context);
    case 'header':
      return [`== ${textOf(block.text, context)} ==`];
    case 'divider':
      return ['────────'];
    case 'rich_text':
      return renderRichTextBlock(block, context);
    case 'image':
      return [`[image: ${str(block.alt_text) ?? ''}]`];
    default:
      return [`[${String(block.type)} block]`];
  }
}

export function renderBlocks(blocks: readonly Obj[], context: RenderContext, values: ViewValues = {}): string[] {
  return blocks.flatMap((block) => renderBlock(block, values, context));
}

/** Who posted a message: a person's name, or the app's name marked "(app)". */
export function messageAuthor(message: RenderableMessage, context: RenderContext): string {
  if (message.bot_id !== undefined) return `${str(message.bot_profile?.name) ?? 'app'} (app)`;
  return message.user === undefined ? 'unknown' : (context.userName(message.user) ?? message.user);
}

/** The message body: its blocks when it has any, else its text; then the files shared with it. */
export function renderMessage(message: RenderableMessage, context: RenderContext): string[] {
  const body = message.blocks && message.blocks.length > 0 ? renderBlocks(message.blocks, context) : renderMrkdwn(message.text ?? '', context).split('\n');
  const files = (message.files ?? []).map(
    (file) => `📎 ${str(file.name) ?? 'file'} (${str(file.mimetype) ?? 'unknown type'}, ${formatBytes(Number(file.size ?? 0))})`,
  );
  if (files.length === 0) return body;
  return body.length === 1 && body[0] === '' ? files : [...body, ...files];
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** A modal or home tab: title, blocks with what was entered, and the footer buttons. */
export function renderView(view: RenderableView, context: RenderContext): string[] {
  const lines: string[] = [];
  const title = textOf(view.title, context);
  if (title) lines.push(`== ${title} ==`);
  lines.push(...renderBlocks(view.blocks, context, view.state?.values ?? {}));
  const footer = [view.close, view.submit].map((button) => textOf(button, context)).filter(Boolean);
  if (footer.length > 0) lines.push(footer.map((label) => `[${label}]`).join(' '));
  return lines;
}
