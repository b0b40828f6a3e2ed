import { isObject } from './block-kit/checks.js';
import { SlackDriverError } from './driver-errors.js';
import type { SlackState } from './state.js';
import { jsonText, type Json, type JsonObject } from './types.js';

/** What a person picks or types: a string (text, option value, user/conversation id, date) or several. */
export type Choice = string | string[];

export interface LocatedElement {
  blockId: string;
  block: JsonObject;
  element: JsonObject;
}

function elementsOf(block: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  if (isObject(block.accessory)) found.push(block.accessory);
  if (isObject(block.element)) found.push(block.element);
  if (Array.isArray(block.elements) && block.type === 'actions') {
    for (const el of block.elements) if (isObject(el)) found.push(el);
  }
  return found;
}

/** Finds interactive elements by action_id (and optionally block_id / button value) in stored blocks. */
export function findElements(blocks: JsonObject[], match: { actionId: string; blockId?: string; value?: string }): LocatedElement[] {
  const found: LocatedElement[] = [];
  for (const block of blocks) {
    const blockId = jsonText(block.block_id ?? '');
    if (match.blockId !== undefined && blockId !== match.blockId) continue;
    for (const element of elementsOf(block)) {
      if (element.action_id !== match.actionId) continue;
      if (match.value !== undefined && element.value !== match.value) continue;
      found.push({ blockId, block, element });
    }
  }
  return found;
}

export function describeElements(blocks: JsonObject[]): string {
  const all = blocks.flatMap((block) => elementsOf(block).map((el) => `${jsonText(block.block_id)}/${jsonText(el.action_id)} (${jsonText(el.type)})`));
  return all.length === 0 ? 'no interactive elements' : all.join(', ');
}

function allOptions(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
  const grouped = Array.isArray(element.option_groups)
    ? (element.option_groups as JsonObject[]).flatMap((g) => (Array.isArray(g.options) ? (g.options as JsonObject[]) : []))
    : [];
  return [...direct, ...grouped];
}

function pickOption(element: JsonObject, value: string): JsonObject {
  if (jsonText(element.type).includes('external_select')) return { text: { type: 'plain_text', text: value, emoji: true }, value };
  const option = allOptions(element).find((o) => o.value === value);
  if (!option) {
    const known = allOptions(element).map((o) => jsonText(o.value));
    throw new SlackDriverError(`${jsonText(element.type)} "${jsonText(element.action_id)}" has no option "${value}" (options: ${known.join(', ')})`);
  }
  return structuredClone(option);
}

function one(choice: Choice, element: JsonObject): string {
  if (typeof choice !== 'string')
    throw new SlackDriverError(`${jsonText(element.type)} "${jsonText(element.action_id)}" takes one value, got ${choice.length}`);
  return choice;
}

function many(choice: Choice): string[] {
  return typeof choice === 'string' ? [choice] : choice;
}

function requireUser(state: SlackState, id: string): string {
  if (!state.users.has(id)) throw new SlackDriverError(`no user ${id}`);
  return id;
}

function requireConversation(state: SlackState, id: string): string {
  if (!state.channelsById.has(id)) throw new SlackDriverError(`no conversation ${id}`);
  return id;
}

/** The typed value object Slack puts in state.values and block_actions for a choice on an element. */
export function valueObject(state: SlackState, element: JsonObject, choice: Choice): JsonObject {
  const type = jsonText(element.type);
  switch (type) {
    case 'plain_text_input':
      return { type, value: one(choice, element) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { type, selected_option: pickOption(element, one(choice, element)) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: many(choice).map((v) => pickOption(element, v)) };
    case 'users_select':
      return { type, selected_user: requireUser(state, one(choice, element)) };
    case 'multi_users_select':
      return { type, selected_users: many(choice).map((id) => requireUser(state, id)) };
    case 'conversations_select':
      return { type, selected_conversation: requireConversation(state, one(choice, element)) };
    case 'multi_conversations_select':
      return { type, selected_conversations: many(choice).map((id) => requireConversation(state, id)) };
    case 'channels_select':
      return { type, selected_channel: requireConversation(state, one(choice, element)) };
    case 'multi_channels_select':
      return { type, selected_channels: many(choice).map((id) => requireConversation(state, id)) };
    case 'datepicker':
      return { type, selected_date: one(choice, element) };
    case 'timepicker':
      return { type, selected_time: one(choice, element) };
    default:
      throw new SlackDriverError(`${type} "${jsonText(element.action_id)}" cannot take a value`);
  }
}

/** The value an input shows before the person touches it (its initial_* or nothing). */
export function initialValueObject(element: JsonObject): JsonObject {
  const type = jsonText(element.type);
  const pick = (key: string, empty: Json): Json => (element[key] !== undefined ? (structuredClone(element[key]) ?? null) : empty);
  switch (type) {
    case 'plain_text_input':
      return { type, value: pick('initial_value', null) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: pick('initial_option', null) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: pick('initial_options', []) };
    case 'users_select':
      return { type, selected_user: pick('initial_user', null) };
    case 'multi_users_select':
      return { type, selected_users: pick('initial_users', []) };
    case 'conversations_select':
      return { type, selected_conversation: pick('initial_conversation', null) };
    case 'multi_conversations_select':
      return { type, selected_conversations: pick('initial_conversations', []) };
    case 'channels_select':
      return { type, selected_channel: pick('initial_channel', null) };
    case 'multi_channels_select':
      return { type, selected_channels: pick('initial_channels', []) };
    case 'datepicker':
      return { type, selected_date: pick('initial_date', null) };
    case 'timepicker':
      return { type, selected_time: pick('initial_time', null) };
    default:
      return { type };
  }
}

/** True when a value object holds nothing (what Slack's client checks for non-optional inputs). */
export function isEmptyValue(value: JsonObject): boolean {
  return Object.entries(value).every(([key, v]) => key === 'type' || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}
