-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "escalatedTo" TEXT,
ADD COLUMN     "reviewDueAt" TIMESTAMP(3),
ADD COLUMN     "revisionDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN     "acceptedWarningsJson" TEXT,
ADD COLUMN     "contentHash" TEXT;

-- AlterTable
ALTER TABLE "SentMail" ADD COLUMN     "requestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReportContent" (
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportContent_pkey" PRIMARY KEY ("hash")
);

