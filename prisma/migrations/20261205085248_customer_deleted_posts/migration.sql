-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deletedOnNetworkAt" TIMESTAMPTZ(3),
ADD COLUMN     "deletionNoticeAttemptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deletionNoticeSlackTs" TEXT;
