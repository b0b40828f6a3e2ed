import type { Database } from '../../src/db/database.js';

/**
 * A brand account, a customer and an open conversation holding the customer's first post; returns the
 * conversation's id. `caseNumber` keeps every id unique: the audit trail is append-only, so cases never
 * clean up after themselves.
 */
export async function seedOpenConversation(prisma: Database['prisma'], caseNumber: number, customerText: string): Promise<string> {
  const account = await prisma.socialAccount.create({ data: { platform: 'x', externalId: `brand-${caseNumber}`, handle: 'acme' } });
  const author = await prisma.author.create({ data: { platform: 'x', externalId: `jo-${caseNumber}`, handle: 'jo' } });
  const conversation = await prisma.conversation.create({
    data: {
      platform: 'x',
      externalConversationId: `conv-${caseNumber}`,
      accountId: account.id,
      authorId: author.id,
      status: 'open',
      messages: { create: [{ direction: 'inbound', platform: 'x', externalId: `mention-${caseNumber}`, text: customerText }] },
    },
  });
  return conversation.id;
}
