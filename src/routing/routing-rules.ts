import type { Database } from '../db/database.js';

type Prisma_ = Database['prisma'];

/** More rules than this would not fit in one `/social route list` answer, nor be easy to reason about. */
export const MAX_ROUTING_RULES = 40;

export interface NewRoutingRule {
  /** Already validated with parseRoutingPattern. */
  pattern: string;
  slackChannelId?: string | undefined;
  slackUsergroupId?: string | undefined;
  createdBySlackUserId: string;
  surface: string;
}

/** Every rule in evaluation order: first match wins. */
export function loadRoutingRules(prisma: Prisma_) {
  return prisma.routingRule.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
}

export type StoredRoutingRule = Awaited<ReturnType<typeof loadRoutingRules>>[number];

/** Adds a rule after the existing ones; refused when there are already MAX_ROUTING_RULES. */
export async function addRoutingRule(
  prisma: Prisma_,
  rule: NewRoutingRule,
): Promise<{ ok: true; rule: StoredRoutingRule; number: number } | { ok: false; reason: 'too_many' }> {
  return prisma.$transaction(async (tx) => {
    const count = await tx.routingRule.count();
    if (count >= MAX_ROUTING_RULES) return { ok: false as const, reason: 'too_many' as const };
    const last = await tx.routingRule.aggregate({ _max: { position: true } });
    const created = await tx.routingRule.create({
      data: {
        position: (last._max.position ?? 0) + 1,
        pattern: rule.pattern,
        slackChannelId: rule.slackChannelId ?? null,
        slackUsergroupId: rule.slackUsergroupId ?? null,
        createdBySlackUserId: rule.createdBySlackUserId,
      },
    });
    await tx.auditEntry.create({
      data: {
        actorSlackUserId: rule.createdBySlackUserId,
        action: 'routing_rule.added',
        surface: rule.surface,
        details: { ruleId: created.id, pattern: created.pattern, slackChannelId: created.slackChannelId, slackUsergroupId: created.slackUsergroupId },
      },
    });
    return { ok: true as const, rule: created, number: count + 1 };
  });
}

/** Removes the rule shown as `number` (1-based) in the list; undefined when there is no such rule. */
export async function removeRoutingRule(
  prisma: Prisma_,
  removal: { number: number; actorSlackUserId: string; surface: string },
): Promise<StoredRoutingRule | undefined> {
  const rule = (await loadRoutingRules(prisma))[removal.number - 1];
  if (!rule) return undefined;
  const { count } = await prisma.routingRule.deleteMany({ where: { id: rule.id } });
  if (count === 0) return undefined; // removed by someone else meanwhile
  await prisma.auditEntry.create({
    data: {
      actorSlackUserId: removal.actorSlackUserId,
      action: 'routing_rule.removed',
      surface: removal.surface,
      details: { ruleId: rule.id, pattern: rule.pattern, slackChannelId: rule.slackChannelId, slackUsergroupId: rule.slackUsergroupId },
    },
  });
  return rule;
}
