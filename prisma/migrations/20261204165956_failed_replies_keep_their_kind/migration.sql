-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "failureKind" TEXT;
