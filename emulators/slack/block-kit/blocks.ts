import { ID_MAX, type Obj, Problems, URL_MAX, arrayField, asObject, booleanField, isObject, onlyKeys, stringField, textField, textObject } from './checks.js';
import { type ElementSlot, validateElement } from './elements.js';

/** Messages, modals and App Home tabs accept different blocks and different counts. */
export type Surface = 'message' | 'modal' | 'home';

export const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const RICH_TEXT_CONTAINERS = ['rich_text_section', 'rich_text_list', 'rich_text_preformatted', 'rich_text_quote'];
const RICH_TEXT_LEAVES = ['text', 'link', 'emoji', 'user', 'usergroup', 'channel', 'broadcast', 'date', 'color'];

/** Checks one element and the uniqueness of action_ids inside the block. */
function elementIn(p: Problems, value: unknown, pointer: string, slot: ElementSlot, seen: Set<string>): void {
  const actionId = validateElement(p, value, pointer, slot);
  if (actionId === undefined) return;
  if (seen.has(actionId)) p.add(`${pointer}/action_id`, `duplicate action_id: ${actionId}`);
  seen.add(actionId);
}

function richTextLeaf(p: Problems, value: unknown, pointer: string): void {
  const o = asObject(p, value, pointer);
  if (!o) return;
  const type = stringField(p, o, 'type', pointer, { required: true, oneOf: RICH_TEXT_LEAVES });
  if (type === 'text') stringField(p, o, 'text', pointer, { required: true });
  if (type === 'link') stringField(p, o, 'url', pointer, { required: true, max: URL_MAX });
  if (type === 'emoji') stringField(p, o, 'name', pointer, { required: true });
  if (type === 'user') stringField(p, o, 'user_id', pointer, { required: true });
  if (type === 'channel') stringField(p, o, 'channel_id', pointer, { required: true });
  if (type === 'usergroup') stringField(p, o, 'usergroup_id', pointer, { required: true });
}

function richTextContainer(p: Problems, value: unknown, pointer: string): void {
  const o = asObject(p, value, pointer);
  if (!o) return;
  const type = stringField(p, o, 'type', pointer, { required: true, oneOf: RICH_TEXT_CONTAINERS });
  const elements = arrayField(p, o, 'elements', pointer, { required: true }) ?? [];
  elements.forEach((child, i) => {
    const at = `${pointer}/elements/${i}`;
    if (type === 'rich_text_list') richTextContainer(p, child, at);
    else richTextLeaf(p, child, at);
  });
  if (type === 'rich_text_list') stringField(p, o, 'style', pointer, { required: true, oneOf: ['bullet', 'ordered'] });
}

function block(p: Problems, o: Obj, type: string, pointer: string, surface: Surface): void {
  const actionIds = new Set<string>();
  switch (type) {
    case 'section': {
      onlyKeys(p, o, pointer, ['type', 'block_id', 'text', 'fields', 'accessory', 'expand']);
      if (o.text === undefined && o.fields === undefined) p.add(pointer, 'must provide either text or fields');
      textField(p, o, 'text', pointer, { max: 3000, kind: 'any' });
      const fields = arrayField(p, o, 'fields', pointer, { min: 1, max: 10 }) ?? [];
      fields.forEach((field, i) => textObject(p, field, `${pointer}/fields/${i}`, { max: 2000, kind: 'any' }));
      if (o.accessory !== undefined) elementIn(p, o.accessory, `${pointer}/accessory`, 'accessory', actionIds);
      booleanField(p, o, 'expand', pointer);
      return;
    }
    case 'actions': {
      onlyKeys(p, o, pointer, ['type', 'block_id', 'elements']);
      const elements = arrayField(p, o, 'elements', pointer, { required: true, min: 1, max: 25 }) ?? [];
      elements.forEach((el, i) => elementIn(p, el, `${pointer}/elements/${i}`, 'actions', actionIds));
      return;
    }
    case 'context': {
      onlyKeys(p, o, pointer, ['type', 'block_id', 'elements']);
      const elements = arrayField(p, o, 'elements', pointer, { required: true, min: 1, max: 10 }) ?? [];
      elements.forEach((el, i) => validateElement(p, el, `${pointer}/elements/${i}`, 'context'));
      return;
    }
    case 'divider':
      onlyKeys(p, o, pointer, ['type', 'block_id']);
      return;
    case 'header':
      onlyKeys(p, o, pointer, ['type', 'block_id', 'text']);
      textField(p, o, 'text', pointer, { required: true, max: 150, kind: 'plain_text' });
      return;
    case 'image':
      onlyKeys(p, o, pointer, ['type', 'block_id', 'image_url', 'slack_file', 'alt_text', 'title']);
      if (o.image_url === undefined && o.slack_file === undefined) p.add(pointer, 'missing required field: image_url');
      stringField(p, o, 'image_url', pointer, { max: URL_MAX });
      stringField(p, o, 'alt_text', pointer, { required: true, max: 2000 });
      textField(p, o, 'title', pointer, { max: 2000, kind: 'plain_text' });
      return;
    case 'input':
      if (surface === 'message') {
        p.add(`${pointer}/type`, 'input blocks are only allowed in modals and home tabs');
        return;
      }
      onlyKeys(p, o, pointer, ['type', 'block_id', 'label', 'element', 'hint', 'optional', 'dispatch_action']);
      textField(p, o, 'label', pointer, { required: true, max: 2000, kind: 'plain_text' });
      textField(p, o, 'hint', pointer, { max: 2000, kind: 'plain_text' });
      booleanField(p, o, 'optional', pointer);
      booleanField(p, o, 'dispatch_action', pointer);
      if (o.element === undefined) p.add(pointer, 'missing required field: element');
      else elementIn(p, o.element, `${pointer}/element`, 'input', actionIds);
      return;
    case 'rich_text': {
      onlyKeys(p, o, pointer, ['type', 'block_id', 'elements']);
      const elements = arrayField(p, o, 'elements', pointer, { required: true }) ?? [];
      elements.forEach((el, i) => richTextContainer(p, el, `${pointer}/elements/${i}`));
      return;
    }
    default:
      p.add(`${pointer}/type`, `unsupported type: ${type}`);
  }
}

/**
 * Validates a `blocks` array for a surface. `basePointer` is where the array sits in the request
 * ("/blocks" for messages, "/view/blocks" for views) so that pointers match Slack's.
 */
export function validateBlocksInto(p: Problems, blocks: unknown, surface: Surface, basePointer: string): void {
  if (!Array.isArray(blocks)) {
    p.add(basePointer, 'must provide an array');
    return;
  }
  if (blocks.length > MAX_BLOCKS[surface]) p.add(basePointer, `no more than ${MAX_BLOCKS[surface]} items allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((value, i) => {
    const pointer = `${basePointer}/${i}`;
    const o = asObject(p, value, pointer);
    if (!o) return;
    const type = stringField(p, o, 'type', pointer, { required: true });
    const blockId = stringField(p, o, 'block_id', pointer, { min: 1, max: ID_MAX });
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) p.add(`${pointer}/block_id`, `duplicate block_id: ${blockId}`);
      blockIds.add(blockId);
    }
    if (type !== undefined) block(p, o, type, pointer, surface);
  });
}

export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const p = new Problems();
  validateBlocksInto(p, blocks, surface, '/blocks');
  return p.list;
}

export function hasInputBlocks(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((b) => isObject(b) && b.type === 'input');
}
