-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('x');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('new', 'open', 'assigned', 'awaiting_approval', 'replied', 'resolved');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('public', 'private');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('inbound', 'outbound', 'note');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('received', 'pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "SocialAccount" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SocialAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Author" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "name" TEXT,
    "profileImage" TEXT,
    "followerCount" INTEGER,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "ref" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalConversationId" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'new',
    "visibility" "Visibility" NOT NULL DEFAULT 'public',
    "assigneeSlackUserId" TEXT,
    "assigneeSlackTeamId" TEXT,
    "slackChannelId" TEXT,
    "slackThreadTs" TEXT,
    "slackPostAttemptedAt" TIMESTAMPTZ(3),
    "slackParentDigest" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "firstResponseAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "visibility" "Visibility" NOT NULL DEFAULT 'public',
    "platform" "Platform" NOT NULL,
    "externalId" TEXT,
    "inReplyToExternalId" TEXT,
    "authorHandle" TEXT,
    "authorName" TEXT,
    "text" TEXT NOT NULL,
    "payload" JSONB,
    "slackTs" TEXT,
    "slackPostAttemptedAt" TIMESTAMPTZ(3),
    "slackSyncedState" "DeliveryState",
    "slackUserId" TEXT,
    "idempotencyKey" TEXT,
    "deliveryState" "DeliveryState" NOT NULL DEFAULT 'received',
    "lastError" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "postedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID,
    "actorSlackUserId" TEXT,
    "action" TEXT NOT NULL,
    "surface" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollCursor" (
    "accountId" UUID NOT NULL,
    "sinceId" TEXT,
    "ownPostsSinceId" TEXT,
    "lastPolledAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PollCursor_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "UserSetting" (
    "slackUserId" TEXT NOT NULL,
    "signature" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserSetting_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SocialAccount_platform_externalId_key" ON "SocialAccount"("platform", "externalId");

-- CreateIndex
CREATE INDEX "Author_platform_handle_idx" ON "Author"("platform", "handle");

-- CreateIndex
CREATE UNIQUE INDEX "Author_platform_externalId_key" ON "Author"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_ref_key" ON "Conversation"("ref");

-- CreateIndex
CREATE INDEX "Conversation_status_createdAt_idx" ON "Conversation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_authorId_idx" ON "Conversation"("authorId");

-- CreateIndex
CREATE INDEX "Conversation_assigneeSlackUserId_status_idx" ON "Conversation"("assigneeSlackUserId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_platform_accountId_externalConversationId_key" ON "Conversation"("platform", "accountId", "externalConversationId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_slackChannelId_slackThreadTs_key" ON "Conversation"("slackChannelId", "slackThreadTs");

-- CreateIndex
CREATE UNIQUE INDEX "Message_idempotencyKey_key" ON "Message"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Message_conversationId_createdAt_idx" ON "Message"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_slackTs_idx" ON "Message"("slackTs");

-- CreateIndex
CREATE UNIQUE INDEX "Message_platform_externalId_key" ON "Message"("platform", "externalId");

-- CreateIndex
CREATE INDEX "AuditEntry_conversationId_createdAt_idx" ON "AuditEntry"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SocialAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollCursor" ADD CONSTRAINT "PollCursor_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SocialAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
