-- DropIndex
DROP INDEX "Message_direction_createdAt_idx";

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "waitingSince" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "AuditEntry_action_createdAt_idx" ON "AuditEntry"("action", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_status_waitingSince_idx" ON "Conversation"("status", "waitingSince");

-- CreateIndex
CREATE INDEX "Message_report_idx" ON "Message"("direction", "createdAt", "conversationId", "deliveryState", "postedAt", "slackUserId");

-- Written by hand (triggers are not part of Prisma's schema diff).
-- "Conversation"."waitingSince", for /socialreport's backlog: the earliest inbound message after
-- the latest sent outbound message (public reply or DM; posted time, else creation time), NULL
-- when there is none. Kept by the database itself whenever a conversation's messages change, so
-- every writer (ingest, replies, DMs, imports) keeps it right without knowing about it.
CREATE OR REPLACE FUNCTION earshot_waiting_since(conversation_id uuid) RETURNS timestamptz
LANGUAGE sql
STABLE
AS $$
  SELECT min(m."createdAt") FROM "Message" m
  WHERE m."conversationId" = conversation_id AND m.direction = 'inbound'
    AND m."createdAt" > coalesce((
      SELECT max(coalesce(o."postedAt", o."createdAt")) FROM "Message" o
      WHERE o."conversationId" = conversation_id AND o.direction = 'outbound' AND o."deliveryState" = 'sent'
    ), '-infinity'::timestamptz)
$$;

-- The conversation's row is locked first, so that the value is computed from a snapshot taken
-- once any concurrent writer of the same conversation has committed (READ COMMITTED: each
-- statement of the function sees what was committed before it started). FOR NO KEY UPDATE does
-- not conflict with the foreign-key check's FOR KEY SHARE.
CREATE OR REPLACE FUNCTION earshot_message_waiting_since() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  -- Internal notes never change it.
  IF (TG_OP = 'INSERT' AND NEW.direction = 'note') OR (TG_OP = 'DELETE' AND OLD.direction = 'note')
    OR (TG_OP = 'UPDATE' AND OLD.direction = 'note' AND NEW.direction = 'note' AND OLD."conversationId" = NEW."conversationId") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM 1 FROM "Conversation" WHERE id = NEW."conversationId" FOR NO KEY UPDATE;
    UPDATE "Conversation" c SET "waitingSince" = earshot_waiting_since(NEW."conversationId")
    WHERE c.id = NEW."conversationId" AND c."waitingSince" IS DISTINCT FROM earshot_waiting_since(NEW."conversationId");
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."conversationId" IS DISTINCT FROM NEW."conversationId") THEN
    PERFORM 1 FROM "Conversation" WHERE id = OLD."conversationId" FOR NO KEY UPDATE;
    UPDATE "Conversation" c SET "waitingSince" = earshot_waiting_since(OLD."conversationId")
    WHERE c.id = OLD."conversationId" AND c."waitingSince" IS DISTINCT FROM earshot_waiting_since(OLD."conversationId");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Message_waitingSince"
AFTER INSERT OR DELETE OR UPDATE OF "conversationId", direction, "deliveryState", "postedAt", "createdAt" ON "Message"
FOR EACH ROW EXECUTE FUNCTION earshot_message_waiting_since();

-- Backfill: existing conversations.
UPDATE "Conversation" c SET "waitingSince" = w.waiting_since
FROM (
  SELECT m."conversationId" AS conversation_id, min(m."createdAt") AS waiting_since
  FROM "Message" m
  LEFT JOIN (
    SELECT o."conversationId" AS conversation_id, max(coalesce(o."postedAt", o."createdAt")) AS replied_at
    FROM "Message" o WHERE o.direction = 'outbound' AND o."deliveryState" = 'sent'
    GROUP BY 1
  ) r ON r.conversation_id = m."conversationId"
  WHERE m.direction = 'inbound' AND m."createdAt" > coalesce(r.replied_at, '-infinity'::timestamptz)
  GROUP BY 1
) w
WHERE c.id = w.conversation_id;
