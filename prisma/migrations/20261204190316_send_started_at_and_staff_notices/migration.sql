-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sendStartedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "byUserId" TEXT NOT NULL,
    "toUserId" TEXT,
    "toTeamId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffNotice" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "slackChannelId" TEXT NOT NULL,
    "slackTs" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Handoff_conversationId_idx" ON "Handoff"("conversationId");

-- CreateIndex
CREATE INDEX "StaffNotice_conversationId_idx" ON "StaffNotice"("conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffNotice_slackChannelId_slackTs_key" ON "StaffNotice"("slackChannelId", "slackTs");

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNotice" ADD CONSTRAINT "StaffNotice_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
