import { syntaxError } from './graph-errors.js';

/**
 * One entry of Graph's `fields` parameter, with field expansion
 * (https://developers.facebook.com/docs/graph-api/guides/field-expansion): modifiers such as
 * `.limit(5)` or `.comment_id(123)`, and nested fields in braces: `comments.limit(5){message,from{name}}`.
 */
export interface FieldRequest {
  name: string;
  modifiers: Record<string, string>;
  children?: FieldRequest[];
}

const NAME = /[A-Za-z0-9_]/;

class FieldParser {
  private at = 0;

  constructor(private readonly raw: string) {}

  parse(): FieldRequest[] {
    this.skipSpaces();
    if (this.at === this.raw.length) return [];
    const fields = this.list();
    this.skipSpaces();
    if (this.at < this.raw.length) this.fail(`Expected end of string instead of "${this.raw[this.at] ?? ''}".`);
    return fields;
  }

  private list(): FieldRequest[] {
    const fields = [this.field()];
    this.skipSpaces();
    while (this.raw[this.at] === ',') {
      this.at += 1;
      fields.push(this.field());
      this.skipSpaces();
    }
    return fields;
  }

  private field(): FieldRequest {
    const name = this.name();
    const modifiers: Record<string, string> = {};
    while (this.raw[this.at] === '.') {
      this.at += 1;
      const modifier = this.name();
      this.expect('(');
      const close = this.raw.indexOf(')', this.at);
      if (close === -1) this.fail('Expected ")".');
      modifiers[modifier] = this.raw.slice(this.at, close);
      this.at = close + 1;
    }
    this.skipSpaces();
    if (this.raw[this.at] !== '{') return { name, modifiers };
    this.at += 1;
    const children = this.list();
    this.skipSpaces();
    this.expect('}');
    return { name, modifiers, children };
  }

  private name(): string {
    this.skipSpaces();
    const start = this.at;
    while (this.at < this.raw.length && NAME.test(this.raw[this.at] ?? '')) this.at += 1;
    if (this.at === start) this.fail('Field name expected.');
    return this.raw.slice(start, this.at);
  }

  private expect(char: string): void {
    if (this.raw[this.at] !== char) this.fail(`Expected "${char}" instead of "${this.raw[this.at] ?? 'end of string'}".`);
    this.at += 1;
  }

  private skipSpaces(): void {
    while (this.raw[this.at] === ' ') this.at += 1;
  }

  private fail(detail: string): never {
    throw syntaxError(detail, this.at, this.raw);
  }
}

/** Parses a `fields` value; a malformed one is Graph's code 2500 syntax error. */
export function parseFields(raw: string): FieldRequest[] {
  return new FieldParser(raw).parse();
}

/** The inverse of parseFields: paging links of expanded edges repeat the nested fields this way. */
export function printFields(fields: readonly FieldRequest[]): string {
  return fields
    .map((field) => {
      const modifiers = Object.entries(field.modifiers)
        .map(([name, value]) => `.${name}(${value})`)
        .join('');
      return `${field.name}${modifiers}${field.children ? `{${printFields(field.children)}}` : ''}`;
    })
    .join(',');
}
