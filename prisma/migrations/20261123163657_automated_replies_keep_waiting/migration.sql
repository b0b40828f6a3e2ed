-- DropIndex
DROP INDEX "Message_report_idx";

-- CreateIndex
CREATE INDEX "Message_report_idx" ON "Message"("direction", "createdAt", "conversationId", "deliveryState", "postedAt", "slackUserId", "automated");

-- Written by hand (functions are not part of Prisma's schema diff).
-- The out-of-hours acknowledgement (Message.automated) is not the team answering: the customer
-- is still waiting for a person, so it neither ends nor restarts "Conversation"."waitingSince".
CREATE OR REPLACE FUNCTION earshot_waiting_since(conversation_id uuid) RETURNS timestamptz
LANGUAGE sql
STABLE
AS $$
  SELECT min(m."createdAt") FROM "Message" m
  WHERE m."conversationId" = conversation_id AND m.direction = 'inbound'
    AND m."createdAt" > coalesce((
      SELECT max(coalesce(o."postedAt", o."createdAt")) FROM "Message" o
      WHERE o."conversationId" = conversation_id AND o.direction = 'outbound' AND o."deliveryState" = 'sent' AND NOT o.automated
    ), '-infinity'::timestamptz)
$$;

-- Conversations that already have an automatic reply get their wait back.
UPDATE "Conversation" c SET "waitingSince" = earshot_waiting_since(c.id)
WHERE EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m.automated)
  AND c."waitingSince" IS DISTINCT FROM earshot_waiting_since(c.id);
