import { ID_MAX, Problems, asObject, booleanField, onlyKeys, stringField, textField } from './checks.js';
import { hasInputBlocks, validateBlocksInto } from './blocks.js';

export type ViewType = 'modal' | 'home';

/**
 * Validates a view payload (views.open/push/update/publish, response_action update/push).
 * Pointers start at "/view" like Slack's error messages.
 */
export function validateView(view: unknown, allowed: readonly ViewType[]): string[] {
  const p = new Problems();
  const pointer = '/view';
  const o = asObject(p, view, pointer);
  if (!o) return p.list;
  const type = stringField(p, o, 'type', pointer, { required: true, oneOf: allowed });
  if (type === 'modal') {
    onlyKeys(p, o, pointer, [
      'type',
      'title',
      'blocks',
      'close',
      'submit',
      'private_metadata',
      'callback_id',
      'clear_on_close',
      'notify_on_close',
      'external_id',
      'submit_disabled',
    ]);
    textField(p, o, 'title', pointer, { required: true, max: 24, kind: 'plain_text' });
    textField(p, o, 'close', pointer, { max: 24, kind: 'plain_text' });
    textField(p, o, 'submit', pointer, { max: 24, kind: 'plain_text' });
    if (o.submit === undefined && hasInputBlocks(o.blocks)) {
      p.add(pointer, 'missing required field: submit (required when blocks contain an input block)');
    }
    booleanField(p, o, 'clear_on_close', pointer);
    booleanField(p, o, 'notify_on_close', pointer);
    booleanField(p, o, 'submit_disabled', pointer);
  } else if (type === 'home') {
    onlyKeys(p, o, pointer, ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id']);
  }
  stringField(p, o, 'private_metadata', pointer, { max: 3000 });
  stringField(p, o, 'callback_id', pointer, { max: ID_MAX });
  stringField(p, o, 'external_id', pointer, { max: ID_MAX });
  if (o.blocks === undefined) p.add(pointer, 'missing required field: blocks');
  else if (type === 'modal' || type === 'home') validateBlocksInto(p, o.blocks, type, `${pointer}/blocks`);
  return p.list;
}
