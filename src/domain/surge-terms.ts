/**
 * The words that tell what a surge is about: those found in a larger share of the surge's posts
 * than of the usual posts. Counted once per post, so one long or repeated post cannot dominate.
 */
export interface TopTermsOptions {
  /** Words never shown, e.g. the brand's own handle (compared in lower case, without "@"). */
  ignore?: readonly string[];
  /** How many terms (default 5). */
  limit?: number;
}

const MIN_WORD_LENGTH = 3;
/** A word in a single post is not a trend. */
const MIN_POSTS_WITH_TERM = 2;

// Common English words that say nothing about a topic.
const STOP_WORDS = new Set(
  (
    'about above after again against all also and any are aren because been before being below between both but can cannot could did didn ' +
    'does doesn doing don down during each even ever few for from further get gets got had has have having her here hers herself him ' +
    'himself his how into isn its itself just let like more most much must not now off once one only other our ours ourselves out over own ' +
    'please same she should so some still such than thank thanks that the their theirs them themselves then there these they this those ' +
    'through too under until very was wasn way were what when where which while who whom why will with won would yes yet you your yours ' +
    'yourself yourselves really today hey guys anyone someone something'
  ).split(' '),
);

/** The distinct topic words of one post: no links, @handles, numbers, short or stop words. */
export function topicWords(text: string, ignore: ReadonlySet<string> = new Set()): Set<string> {
  const cleaned = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ');
  const words = new Set<string>();
  for (const match of cleaned.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0].replace(/['’].*$/u, '');
    if (Array.from(word).length < MIN_WORD_LENGTH || /\p{N}/u.test(word) || STOP_WORDS.has(word) || ignore.has(word)) continue;
    words.add(word);
  }
  return words;
}

/** The terms most over-represented in `surgeTexts` compared with `usualTexts`, best first. */
export function topTerms(surgeTexts: readonly string[], usualTexts: readonly string[], options: TopTermsOptions = {}): string[] {
  const ignore = new Set((options.ignore ?? []).map((word) => word.toLowerCase().replace(/^@/, '')));
  const surge = postsPerWord(surgeTexts, ignore);
  const usual = postsPerWord(usualTexts, ignore);
  const scored: Array<{ word: string; posts: number; score: number }> = [];
  for (const [word, posts] of surge) {
    if (posts < MIN_POSTS_WITH_TERM) continue;
    const usualShare = usualTexts.length > 0 ? (usual.get(word) ?? 0) / usualTexts.length : 0;
    const score = posts / surgeTexts.length - usualShare;
    if (score > 0) scored.push({ word, posts, score });
  }
  scored.sort((a, b) => b.score - a.score || b.posts - a.posts || a.word.localeCompare(b.word));
  return scored.slice(0, options.limit ?? 5).map((entry) => entry.word);
}

function postsPerWord(texts: readonly string[], ignore: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of topicWords(text, ignore)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
