import { compileRoutingPattern, type TextMatcher } from '../routing/routing-pattern.js';

/** What a surge is about: its keyword, or (for a surge of all mentions) its top terms. */
export interface SurgeTopic {
  keyword: string | null;
  topTerms: readonly string[];
}

/** Matches posts on the surge's topic (whole words, any case); undefined when the topic has no words. */
export function surgeTopicPattern(topic: SurgeTopic): TextMatcher | undefined {
  const keywords = topic.keyword !== null ? [topic.keyword] : [...topic.topTerms];
  return keywords.length > 0 ? compileRoutingPattern({ kind: 'keywords', keywords }) : undefined;
}
