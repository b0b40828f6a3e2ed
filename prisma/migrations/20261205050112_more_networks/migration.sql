-- AlterEnum
-- The networks Earshot is being extended to. A value added here cannot be used in the same
-- transaction (PostgreSQL 12+), and no row uses them yet.
ALTER TYPE "Platform" ADD VALUE 'bluesky';
ALTER TYPE "Platform" ADD VALUE 'facebook';
ALTER TYPE "Platform" ADD VALUE 'instagram';
