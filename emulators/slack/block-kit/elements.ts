import {
  DATE_PATTERN,
  ID_MAX,
  type Obj,
  Problems,
  TIME_PATTERN,
  URL_MAX,
  arrayField,
  asObject,
  booleanField,
  integerField,
  isObject,
  onlyKeys,
  stringField,
  textField,
  textObject,
} from './checks.js';

/** Where an element sits decides which element types Slack accepts there. */
export type ElementSlot = 'actions' | 'accessory' | 'input' | 'context';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
] as const;

const CHOICES = ['checkboxes', 'radio_buttons', 'datepicker', 'timepicker'] as const;

const ALLOWED: Record<ElementSlot, readonly string[]> = {
  actions: ['button', 'overflow', ...SELECTS, ...CHOICES],
  accessory: ['button', 'overflow', 'image', ...SELECTS, ...CHOICES],
  input: ['plain_text_input', ...SELECTS, ...CHOICES],
  context: ['image', 'plain_text', 'mrkdwn'],
};

/** The elements that carry an action_id (everything interactive). */
export function isInteractive(type: string): boolean {
  return type !== 'image' && type !== 'plain_text' && type !== 'mrkdwn';
}

const COMMON = ['type', 'action_id'];

function confirmObject(p: Problems, o: Obj, pointer: string): void {
  if (o.confirm === undefined) return;
  const at = `${pointer}/confirm`;
  const c = asObject(p, o.confirm, at);
  if (!c) return;
  onlyKeys(p, c, at, ['title', 'text', 'confirm', 'deny', 'style']);
  textField(p, c, 'title', at, { required: true, max: 100, kind: 'plain_text' });
  textField(p, c, 'text', at, { required: true, max: 300, kind: 'any' });
  textField(p, c, 'confirm', at, { required: true, max: 30, kind: 'plain_text' });
  textField(p, c, 'deny', at, { required: true, max: 30, kind: 'plain_text' });
  stringField(p, c, 'style', at, { oneOf: ['primary', 'danger'] });
}

/** Option object; `textKind` is plain_text for menus and may be mrkdwn for checkboxes/radios. */
function option(p: Problems, value: unknown, pointer: string, textKind: 'plain_text' | 'any', withUrl: boolean): string | undefined {
  const o = asObject(p, value, pointer);
  if (!o) return undefined;
  onlyKeys(p, o, pointer, withUrl ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description']);
  textField(p, o, 'text', pointer, { required: true, max: 75, kind: textKind });
  textField(p, o, 'description', pointer, { max: 75, kind: textKind });
  if (withUrl) stringField(p, o, 'url', pointer, { max: URL_MAX });
  return stringField(p, o, 'value', pointer, { required: true, min: 1, max: 150 });
}

function options(p: Problems, o: Obj, pointer: string, rule: { min: number; max: number; textKind: 'plain_text' | 'any'; withUrl?: boolean }): string[] {
  const list = arrayField(p, o, 'options', pointer, { required: true, min: rule.min, max: rule.max }) ?? [];
  return list.flatMap((item, i) => option(p, item, `${pointer}/options/${i}`, rule.textKind, rule.withUrl ?? false) ?? []);
}

function optionValue(value: unknown): string | undefined {
  return isObject(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** initial_option(s) must be one of the element's options, compared by value and text. */
function initialOptions(p: Problems, o: Obj, pointer: string, known: string[], key: 'initial_option' | 'initial_options'): void {
  if (o[key] === undefined) return;
  const given = key === 'initial_option' ? [o[key]] : (arrayField(p, o, key, pointer) ?? []);
  given.forEach((item, i) => {
    const at = key === 'initial_option' ? `${pointer}/${key}` : `${pointer}/${key}/${i}`;
    const value = optionValue(item);
    if (value === undefined || !known.includes(value)) p.add(at, 'must match one of the provided options');
  });
}

function staticOptions(p: Problems, o: Obj, pointer: string): string[] {
  if (o.options !== undefined && o.option_groups !== undefined) {
    p.add(pointer, 'must provide either options or option_groups, not both');
    return [];
  }
  if (o.option_groups === undefined) return options(p, o, pointer, { min: 1, max: 100, textKind: 'plain_text' });
  const groups = arrayField(p, o, 'option_groups', pointer, { required: true, min: 1, max: 100 }) ?? [];
  return groups.flatMap((group, i) => {
    const at = `${pointer}/option_groups/${i}`;
    const g = asObject(p, group, at);
    if (!g) return [];
    onlyKeys(p, g, at, ['label', 'options']);
    textField(p, g, 'label', at, { required: true, max: 75, kind: 'plain_text' });
    return options(p, g, at, { min: 1, max: 100, textKind: 'plain_text' });
  });
}

const SELECT_INITIAL: Record<string, string> = {
  static_select: 'option',
  external_select: 'option',
  users_select: 'user',
  conversations_select: 'conversation',
  channels_select: 'channel',
};

function selectMenu(p: Problems, o: Obj, type: string, pointer: string): void {
  const multi = type.startsWith('multi_');
  const base = type.replace(/^multi_/, '');
  const initialKey = `initial_${SELECT_INITIAL[base]}${multi ? 's' : ''}`;
  const keys = [...COMMON, 'placeholder', 'confirm', 'focus_on_load', initialKey];
  textField(p, o, 'placeholder', pointer, { max: 150, kind: 'plain_text' });
  confirmObject(p, o, pointer);
  booleanField(p, o, 'focus_on_load', pointer);
  if (multi) {
    keys.push('max_selected_items');
    integerField(p, o, 'max_selected_items', pointer, 1, 100);
    if (o[initialKey] !== undefined && base !== 'static_select') arrayField(p, o, initialKey, pointer);
  }
  switch (base) {
    case 'static_select': {
      keys.push('options', 'option_groups');
      initialOptions(p, o, pointer, staticOptions(p, o, pointer), multi ? 'initial_options' : 'initial_option');
      break;
    }
    case 'external_select':
      keys.push('min_query_length');
      integerField(p, o, 'min_query_length', pointer, 0, 100);
      break;
    case 'conversations_select':
      keys.push('default_to_current_conversation', 'filter', 'response_url_enabled');
      break;
    case 'channels_select':
      keys.push('response_url_enabled');
      break;
  }
  onlyKeys(p, o, pointer, keys);
}

function element(p: Problems, o: Obj, type: string, pointer: string): void {
  switch (type) {
    case 'button':
      onlyKeys(p, o, pointer, [...COMMON, 'text', 'url', 'value', 'style', 'confirm', 'accessibility_label']);
      textField(p, o, 'text', pointer, { required: true, max: 75, kind: 'plain_text' });
      stringField(p, o, 'url', pointer, { max: URL_MAX });
      stringField(p, o, 'value', pointer, { max: 2000 });
      stringField(p, o, 'style', pointer, { oneOf: ['primary', 'danger'] });
      stringField(p, o, 'accessibility_label', pointer, { max: 75 });
      confirmObject(p, o, pointer);
      return;
    case 'overflow':
      onlyKeys(p, o, pointer, [...COMMON, 'options', 'confirm']);
      options(p, o, pointer, { min: 1, max: 5, textKind: 'plain_text', withUrl: true });
      confirmObject(p, o, pointer);
      return;
    case 'checkboxes':
    case 'radio_buttons': {
      const initialKey = type === 'checkboxes' ? 'initial_options' : 'initial_option';
      onlyKeys(p, o, pointer, [...COMMON, 'options', initialKey, 'confirm', 'focus_on_load']);
      const known = options(p, o, pointer, { min: 1, max: 10, textKind: 'any' });
      initialOptions(p, o, pointer, known, initialKey);
      confirmObject(p, o, pointer);
      return;
    }
    case 'datepicker':
      onlyKeys(p, o, pointer, [...COMMON, 'initial_date', 'placeholder', 'confirm', 'focus_on_load']);
      stringField(p, o, 'initial_date', pointer, { pattern: DATE_PATTERN });
      textField(p, o, 'placeholder', pointer, { max: 150, kind: 'plain_text' });
      confirmObject(p, o, pointer);
      return;
    case 'timepicker':
      onlyKeys(p, o, pointer, [...COMMON, 'initial_time', 'placeholder', 'confirm', 'focus_on_load', 'timezone']);
      stringField(p, o, 'initial_time', pointer, { pattern: TIME_PATTERN });
      textField(p, o, 'placeholder', pointer, { max: 150, kind: 'plain_text' });
      confirmObject(p, o, pointer);
      return;
    case 'plain_text_input': {
      onlyKeys(p, o, pointer, [...COMMON, 'placeholder', 'initial_value', 'multiline', 'min_length', 'max_length', 'dispatch_action_config', 'focus_on_load']);
      textField(p, o, 'placeholder', pointer, { max: 150, kind: 'plain_text' });
      stringField(p, o, 'initial_value', pointer, { max: 3000 });
      booleanField(p, o, 'multiline', pointer);
      integerField(p, o, 'min_length', pointer, 0, 3000);
      integerField(p, o, 'max_length', pointer, 1, 3000);
      if (typeof o.min_length === 'number' && typeof o.max_length === 'number' && o.min_length > o.max_length) {
        p.add(`${pointer}/min_length`, 'must be less than or equal to max_length');
      }
      return;
    }
    case 'image':
      onlyKeys(p, o, pointer, ['type', 'image_url', 'slack_file', 'alt_text']);
      if (o.image_url === undefined && o.slack_file === undefined) p.add(pointer, 'missing required field: image_url');
      stringField(p, o, 'image_url', pointer, { max: URL_MAX });
      stringField(p, o, 'alt_text', pointer, { required: true, max: 2000 });
      return;
    default:
      selectMenu(p, o, type, pointer);
  }
}

/** Validates one element in its slot and returns its action_id (if any) for uniqueness checks. */
export function validateElement(p: Problems, value: unknown, pointer: string, slot: ElementSlot): string | undefined {
  const o = asObject(p, value, pointer);
  if (!o) return undefined;
  const type = stringField(p, o, 'type', pointer, { required: true });
  if (type === undefined) return undefined;
  if (!ALLOWED[slot].includes(type)) {
    const known = Object.values(ALLOWED).some((list) => list.includes(type));
    p.add(`${pointer}/type`, known ? `element type ${type} is not allowed here` : `unsupported type: ${type}`);
    return undefined;
  }
  if (type === 'plain_text' || type === 'mrkdwn') {
    textObject(p, o, pointer, { max: 3000, kind: 'any' });
    return undefined;
  }
  element(p, o, type, pointer);
  return stringField(p, o, 'action_id', pointer, { max: ID_MAX, min: 1 });
}
