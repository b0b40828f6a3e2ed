-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "acknowledgement" BOOLEAN NOT NULL DEFAULT false;

-- Written by hand (functions are not part of Prisma's schema diff).
-- A bare thanks after the team answered is not a new question: the customer is not waiting.
CREATE OR REPLACE FUNCTION earshot_waiting_since(conversation_id uuid) RETURNS timestamptz
LANGUAGE sql
STABLE
AS $$
  SELECT min(m."createdAt") FROM "Message" m
  WHERE m."conversationId" = conversation_id AND m.direction = 'inbound' AND NOT m.acknowledgement
    AND m."createdAt" > coalesce((
      SELECT max(coalesce(o."postedAt", o."createdAt")) FROM "Message" o
      WHERE o."conversationId" = conversation_id AND o.direction = 'outbound' AND o."deliveryState" = 'sent' AND NOT o.automated
    ), '-infinity'::timestamptz)
$$;
