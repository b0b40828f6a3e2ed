-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "spamMarkedAt" TIMESTAMPTZ(3),
ADD COLUMN     "spamMarkedBy" TEXT;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "dmConversationId" TEXT,
ADD COLUMN     "replyingSlackUserId" TEXT,
ADD COLUMN     "replyingUntil" TIMESTAMPTZ(3),
ADD COLUMN     "routingRuleId" UUID;

-- AlterTable
ALTER TABLE "PollCursor" ADD COLUMN     "dmNewestEventId" TEXT;

-- CreateTable
CREATE TABLE "RoutingRule" (
    "id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "slackChannelId" TEXT,
    "slackUsergroupId" TEXT,
    "createdBySlackUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoutingRule_position_idx" ON "RoutingRule"("position");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_routingRuleId_fkey" FOREIGN KEY ("routingRuleId") REFERENCES "RoutingRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;
