-- AlterTable
ALTER TABLE "Season" ADD COLUMN "summaryJson" TEXT;

