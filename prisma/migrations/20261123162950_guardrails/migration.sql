-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DeliveryState" ADD VALUE 'awaiting_approval';
ALTER TYPE "DeliveryState" ADD VALUE 'rejected';

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "forgottenAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "slaRemindedFor" TIMESTAMPTZ(3),
ADD COLUMN     "surgeAlertId" UUID,
ADD COLUMN     "surgeCardAttemptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "surgeCardTs" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "approvalReason" TEXT,
ADD COLUMN     "automated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rejectionReason" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedBySlackUserId" TEXT;

-- CreateTable
CREATE TABLE "SurgeAlert" (
    "id" UUID NOT NULL,
    "keyword" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mentionCount" INTEGER NOT NULL,
    "baselineCount" DOUBLE PRECISION NOT NULL,
    "topTerms" JSONB NOT NULL,
    "examples" JSONB NOT NULL,
    "lastMentionAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "slackChannelId" TEXT NOT NULL,
    "slackTs" TEXT,
    "slackPostAttemptedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SurgeAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurgeAlert_endedAt_keyword_idx" ON "SurgeAlert"("endedAt", "keyword");

-- CreateIndex
CREATE INDEX "Conversation_surgeAlertId_idx" ON "Conversation"("surgeAlertId");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_surgeAlertId_fkey" FOREIGN KEY ("surgeAlertId") REFERENCES "SurgeAlert"("id") ON DELETE SET NULL ON UPDATE CASCADE;
