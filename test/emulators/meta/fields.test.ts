import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFields, printFields, type FieldRequest } from '../../../emulators/meta/fields.js';
import { GraphError } from '../../../emulators/meta/graph-errors.js';
import { paginate } from '../../../emulators/meta/paging.js';

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/);
const modifierValue = fc.stringMatching(/^[A-Za-z0-9_ .:-]{0,12}$/);
const fieldTree: fc.Arbitrary<FieldRequest[]> = fc.letrec<{ list: FieldRequest[]; field: FieldRequest }>((tie) => ({
  field: fc.record(
    { name, modifiers: fc.dictionary(name, modifierValue, { maxKeys: 2 }), children: fc.option(tie('list'), { nil: undefined, depthSize: 'small' }) },
    { requiredKeys: ['name', 'modifiers'] },
  ),
  list: fc.array(tie('field'), { minLength: 1, maxLength: 4 }),
})).list;

/** parseFields leaves `children` out rather than undefined. */
const normalise = (fields: FieldRequest[]): FieldRequest[] =>
  fields.map(({ children, ...rest }) => (children === undefined ? rest : { ...rest, children: normalise(children) }));

describe('Graph fields parameter', () => {
  it('parses field expansion: modifiers, nested braces, spaces after commas', () => {
    expect(parseFields('id, message,from{id,name},comments.filter(stream).limit(5){message,from{name}},mentioned_comment.comment_id(1789){text}')).toEqual([
      { name: 'id', modifiers: {} },
      { name: 'message', modifiers: {} },
      {
        name: 'from',
        modifiers: {},
        children: [
          { name: 'id', modifiers: {} },
          { name: 'name', modifiers: {} },
        ],
      },
      {
        name: 'comments',
        modifiers: { filter: 'stream', limit: '5' },
        children: [
          { name: 'message', modifiers: {} },
          { name: 'from', modifiers: {}, children: [{ name: 'name', modifiers: {} }] },
        ],
      },
      { name: 'mentioned_comment', modifiers: { comment_id: '1789' }, children: [{ name: 'text', modifiers: {} }] },
    ]);
    expect(parseFields('')).toEqual([]);
  });

  it('prints what it parses, and parses what it prints', () => {
    fc.assert(
      fc.property(fieldTree, (fields) => {
        const printed = printFields(fields);
        expect(parseFields(printed)).toEqual(normalise(fields));
        expect(printFields(parseFields(printed))).toBe(printed);
      }),
    );
  });

  it('answers any malformed text with Graph’s code 2500 syntax error, never another failure', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '_', '1', ',', '{', '}', '.', '(', ')', ' ') }), (raw) => {
        try {
          parseFields(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(GraphError);
          expect((error as GraphError).code).toBe(2500);
        }
      }),
    );
    expect(() => parseFields('id,from{name')).toThrow(/^Syntax error "Expected "}" instead of "end of string"\." at character 12: id,from\{name$/);
  });
});

describe('Graph cursor pagination', () => {
  it('visits every item exactly once, in order, following after cursors forward and before cursors back', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        (seqs, limit, newestFirst) => {
          const order = newestFirst ? 'desc' : 'asc';
          const items = [...seqs].sort((a, b) => (newestFirst ? b - a : a - b)).map((seq) => ({ seq }));
          const forward: number[] = [];
          let page = paginate(items, order, { limit });
          forward.push(...page.items.map((i) => i.seq));
          while (page.hasNext && page.cursors) {
            page = paginate(items, order, { limit, after: page.cursors.after });
            forward.push(...page.items.map((i) => i.seq));
          }
          expect(forward).toEqual(items.map((i) => i.seq));

          const backward: number[] = [...page.items.map((i) => i.seq)];
          while (page.hasPrevious && page.cursors) {
            page = paginate(items, order, { limit, before: page.cursors.before });
            backward.unshift(...page.items.map((i) => i.seq));
          }
          expect(backward).toEqual(items.map((i) => i.seq));
        },
      ),
    );
  });

  it('keeps a cursor usable after its item is deleted', () => {
    const items = [1, 2, 3, 4, 5].map((seq) => ({ seq }));
    const first = paginate(items, 'asc', { limit: 2 });
    const withoutTwo = items.filter((i) => i.seq !== 2);
    expect(paginate(withoutTwo, 'asc', { limit: 2, after: first.cursors?.after ?? '' }).items).toEqual([{ seq: 3 }, { seq: 4 }]);
  });
});
