/** Field-name comparisons between what the emulator sends and Slack's published samples/examples. */

type Plain = Record<string, unknown>;

const ID_KEY = /^[A-Z][A-Z0-9]{8,}$/;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Paths of fields in `ours` whose names do not occur at the same place in any of `references`
 * (Slack's samples merge every key ever seen, so a name missing there was invented).
 * Paths in `skip` (e.g. ".view.blocks", checked by the Block Kit validator) are not descended into.
 */
export function unknownNames(ours: unknown, references: unknown[], skip: readonly string[] = [], path = ''): string[] {
  if (skip.includes(path)) return [];
  if (Array.isArray(ours)) {
    const refItems = references.flatMap((r) => (Array.isArray(r) ? (r.slice(0, 1) as unknown[]) : []));
    return refItems.length === 0 ? [] : ours.flatMap((item) => unknownNames(item, refItems, skip, `${path}[]`));
  }
  if (!isPlain(ours)) return [];
  const refs = references.filter(isPlain);
  if (refs.length === 0) return [];
  // Maps keyed by ids (file shares per channel: "C00000000") compare values, not keys.
  const idMaps = refs.filter((r) => Object.keys(r).length > 0 && Object.keys(r).every((k) => ID_KEY.test(k)));
  if (idMaps.length > 0) {
    const values = idMaps.flatMap((r) => Object.values(r));
    return Object.keys(ours).flatMap((key) => unknownNames(ours[key], values, skip, `${path}.<id>`));
  }
  return Object.keys(ours).flatMap((key) => {
    const here = `${path}.${key}`;
    if (skip.includes(here)) return [];
    const withKey = refs.filter((r) => key in r);
    if (withKey.length === 0) return [here];
    return unknownNames(
      ours[key],
      withKey.map((r) => r[key]),
      skip,
      here,
    );
  });
}

/** Names of `reference` (one level) that `ours` lacks, apart from the ones that do not apply. */
export function missingNames(ours: unknown, reference: unknown, notApplicable: readonly string[] = []): string[] {
  if (!isPlain(ours) || !isPlain(reference)) return ['(not an object)'];
  return Object.keys(reference).filter((key) => !(key in ours) && !notApplicable.includes(key));
}

/** Does `value` have every field on a path like ".messages[].text" (each array element checked)? */
export function hasPath(value: unknown, path: string): boolean {
  const [head, ...rest] = path.replace(/^\./, '').split('.');
  if (head === undefined || head === '') return true;
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  if (!isPlain(value) || !(key in value)) return false;
  const next = value[key];
  const restPath = rest.join('.');
  if (!isArray) return restPath === '' || hasPath(next, restPath);
  return Array.isArray(next) && next.every((item) => restPath === '' || hasPath(item, restPath));
}
