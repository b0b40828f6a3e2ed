import type { SurgeSettings } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import { BASELINE_DAYS, nextSurgeStep, usualCountPerWindow } from '../domain/surge-detection.js';
import { topTerms } from '../domain/surge-terms.js';
import { surgeTopicPattern } from '../domain/surge-topic.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncSurgeAlertJob } from '../jobs/jobs.js';
import type { Logger } from '../log/create-logger.js';

type Transaction = Prisma.TransactionClient;

export interface SurgeCheckDependencies {
  prisma: Database['prisma'];
  queue: JobQueue;
  settings: SurgeSettings & { channelId: string };
  now: () => Date;
  logger: Logger;
}

const dayMs = 24 * 60 * 60_000;
/** Posts read to find the top terms: the surge's most recent, and a sample of the usual ones. */
const SURGE_POSTS_READ = 500;
const USUAL_POSTS_READ = 2_000;
const EXAMPLES = 3;
// One surge check at a time across replicas (any constant works; this one reads "surge").
const SURGE_LOCK_KEY = 0x5375_7267;

/**
 * Counts the mentions of the last window, overall and per SURGE_KEYWORDS keyword, against the
 * usual rate, and starts, grows or ends surge alerts. Runs after each poll of mentions; replicas
 * take turns (an advisory lock), so a surge gets one alert. The alert itself is posted by a job.
 */
export async function checkSurges(deps: SurgeCheckDependencies): Promise<void> {
  const now = deps.now();
  const changed = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SURGE_LOCK_KEY})`;
      const brandHandles = (await tx.socialAccount.findMany({ select: { handle: true } })).map((account) => account.handle);
      const changedIds: string[] = [];
      for (const keyword of [null, ...deps.settings.keywords]) {
        const id = await checkTopic(tx, deps, { keyword, now, brandHandles });
        if (id) changedIds.push(id);
      }
      // Alerts whose post did not happen (a crash before queueing): queue them again.
      const unposted = await tx.surgeAlert.findMany({ where: { slackTs: null }, select: { id: true } });
      return [...new Set([...changedIds, ...unposted.map((alert) => alert.id)])];
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  for (const surgeAlertId of changed) await deps.queue.send(syncSurgeAlertJob, { surgeAlertId }, { key: surgeAlertId });
}

interface TopicCheck {
  keyword: string | null;
  now: Date;
  /** The watched accounts' handles, on every network: mentioning them is no topic. */
  brandHandles: string[];
}

/** Returns the id of an alert whose Slack message must follow, if any. */
async function checkTopic(tx: Transaction, deps: SurgeCheckDependencies, topic: TopicCheck): Promise<string | undefined> {
  const { settings, logger } = deps;
  const windowMs = settings.windowMinutes * 60_000;
  const windowStart = new Date(topic.now.getTime() - windowMs);
  const usualStart = new Date(windowStart.getTime() - BASELINE_DAYS * dayMs);
  const matches = topicMatcher(topic.keyword);

  const count = await countMentions(tx, matches, windowStart, topic.now);
  const usual = usualCountPerWindow(await countMentions(tx, matches, usualStart, windowStart), settings.windowMinutes);
  const running = await tx.surgeAlert.findFirst({ where: { endedAt: null, keyword: topic.keyword }, orderBy: { startedAt: 'desc' } });
  const step = nextSurgeStep({
    count,
    usual,
    thresholds: settings,
    windowMinutes: settings.windowMinutes,
    now: topic.now,
    // `lastMentionAt`: the last check that found the surge's window at the surge rate.
    ...(running ? { running: { lastSurgingAt: running.lastMentionAt } } : {}),
  });
  const logFields = { keyword: topic.keyword, count, usual, step };

  if (step === 'none') return undefined;
  if (step === 'start') {
    const described = await describeSurge(tx, matches, { since: windowStart, until: topic.now, usualStart, brandHandles: topic.brandHandles });
    const alert = await tx.surgeAlert.create({
      data: {
        keyword: topic.keyword,
        startedAt: topic.now,
        mentionCount: count,
        baselineCount: usual,
        topTerms: described.topTerms,
        examples: described.examples,
        lastMentionAt: topic.now,
        slackChannelId: settings.channelId,
      },
    });
    await tx.auditEntry.create({
      data: {
        conversationId: null,
        action: 'surge.started',
        surface: 'surge',
        details: { surgeAlertId: alert.id, keyword: topic.keyword, mentions: count, usual },
      },
    });
    logger.info(logFields, 'surge started');
    return alert.id;
  }

  const surge = running!;
  const since = new Date(surge.startedAt.getTime() - windowMs);
  const total = await countMentions(tx, matches, since, topic.now);
  if (step === 'end') {
    await tx.surgeAlert.update({ where: { id: surge.id }, data: { endedAt: topic.now, mentionCount: total } });
    await tx.auditEntry.create({
      data: { conversationId: null, action: 'surge.ended', surface: 'surge', details: { surgeAlertId: surge.id, keyword: topic.keyword, mentions: total } },
    });
    logger.info(logFields, 'surge ended');
    return surge.id;
  }
  const stillSurging: Prisma.SurgeAlertUpdateInput = step === 'grow' ? { lastMentionAt: topic.now } : {};
  if (total === surge.mentionCount) {
    if (step === 'grow') await tx.surgeAlert.update({ where: { id: surge.id }, data: stillSurging });
    return undefined;
  }
  const described = await describeSurge(tx, matches, {
    since,
    until: topic.now,
    usualStart: new Date(since.getTime() - BASELINE_DAYS * dayMs),
    brandHandles: topic.brandHandles,
  });
  await tx.surgeAlert.update({
    where: { id: surge.id },
    data: { ...stillSurging, mentionCount: total, topTerms: described.topTerms, examples: described.examples },
  });
  logger.debug(logFields, 'surge updated');
  return surge.id;
}

/** Which mentions a topic counts: all of them, or those naming the keyword (whole word, any case). */
interface TopicMatcher {
  where: Prisma.MessageWhereInput;
  test: (text: string) => boolean;
}

function topicMatcher(keyword: string | null): TopicMatcher {
  if (keyword === null) return { where: {}, test: () => true };
  const pattern = surgeTopicPattern({ keyword, topTerms: [] })!;
  // The database narrows by the keyword's first word; the whole-word pattern decides.
  const firstWord = keyword.split(' ')[0]!.replace(/\*$/, '');
  return { where: { text: { contains: firstWord, mode: 'insensitive' } }, test: (text) => pattern.test(text) };
}

function mentionsBetween(matches: TopicMatcher, from: Date, to: Date): Prisma.MessageWhereInput {
  return { direction: 'inbound', visibility: 'public', createdAt: { gt: from, lte: to }, ...matches.where };
}

async function countMentions(tx: Transaction, matches: TopicMatcher, from: Date, to: Date): Promise<number> {
  if (Object.keys(matches.where).length === 0) return tx.message.count({ where: mentionsBetween(matches, from, to) });
  const candidates = await tx.message.findMany({ where: mentionsBetween(matches, from, to), select: { text: true } });
  return candidates.filter((candidate) => matches.test(candidate.text)).length;
}

/** The surge's top terms (against the usual posts) and its most recent posts from different people. */
async function describeSurge(
  tx: Transaction,
  matches: TopicMatcher,
  period: { since: Date; until: Date; usualStart: Date; brandHandles: string[] },
): Promise<{ topTerms: string[]; examples: string[] }> {
  const recent = await tx.message.findMany({
    where: mentionsBetween(matches, period.since, period.until),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: SURGE_POSTS_READ,
    select: { id: true, text: true, authorHandle: true },
  });
  const surgePosts = recent.filter((post) => matches.test(post.text));
  const usualPosts = await tx.message.findMany({
    where: mentionsBetween(matches, period.usualStart, period.since),
    orderBy: { createdAt: 'desc' },
    take: USUAL_POSTS_READ,
    select: { text: true },
  });
  const terms = topTerms(
    surgePosts.map((post) => post.text),
    usualPosts.filter((post) => matches.test(post.text)).map((post) => post.text),
    { ignore: period.brandHandles },
  );
  const authors = new Set<string>();
  const examples: string[] = [];
  for (const post of surgePosts) {
    if (examples.length === EXAMPLES) break;
    const author = post.authorHandle ?? post.id;
    if (authors.has(author)) continue;
    authors.add(author);
    examples.push(post.id);
  }
  return { topTerms: terms, examples };
}
