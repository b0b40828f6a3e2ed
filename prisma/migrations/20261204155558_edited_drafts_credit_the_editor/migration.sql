-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "draftedBySlackUserId" TEXT;
