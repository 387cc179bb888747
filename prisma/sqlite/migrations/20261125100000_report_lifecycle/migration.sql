-- AlterTable
ALTER TABLE "Report" ADD COLUMN "escalatedAt" DATETIME;
ALTER TABLE "Report" ADD COLUMN "escalatedTo" TEXT;
ALTER TABLE "Report" ADD COLUMN "reviewDueAt" DATETIME;
ALTER TABLE "Report" ADD COLUMN "revisionDueAt" DATETIME;

-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN "acceptedWarningsJson" TEXT;
ALTER TABLE "ReportVersion" ADD COLUMN "contentHash" TEXT;

-- AlterTable
ALTER TABLE "SentMail" ADD COLUMN "requestedAt" DATETIME;

-- CreateTable
CREATE TABLE "ReportContent" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

