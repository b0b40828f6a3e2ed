-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "slackDigest" TEXT;
