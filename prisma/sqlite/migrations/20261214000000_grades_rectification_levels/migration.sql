-- 综合评价, 点评与整改 and seasons at several levels (issue 27): the season's rules and parent,
-- each report's final grade and 点评, the rectification items with their progress and evidence.
ALTER TABLE "Season" ADD COLUMN "finalGradeJson" TEXT;
ALTER TABLE "Season" ADD COLUMN "rectificationJson" TEXT;
ALTER TABLE "Season" ADD COLUMN "parentSeasonId" TEXT;
ALTER TABLE "Season" ADD COLUMN "parentBranchId" TEXT;
CREATE INDEX "Season_parentSeasonId_idx" ON "Season"("parentSeasonId");
ALTER TABLE "Report" ADD COLUMN "finalGrade" TEXT;
ALTER TABLE "Report" ADD COLUMN "finalGradeJson" TEXT;
ALTER TABLE "Report" ADD COLUMN "feedbackJson" TEXT;

CREATE TABLE "RectificationItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seasonId" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "problem" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "ownerEmail" TEXT NOT NULL,
    "reviewersJson" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "progressReports" INTEGER NOT NULL DEFAULT 0,
    "sentBack" INTEGER NOT NULL DEFAULT 0,
    "lastProgressAt" DATETIME,
    "escalatedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "RectificationItem_seasonId_state_idx" ON "RectificationItem"("seasonId", "state");
CREATE INDEX "RectificationItem_ownerEmail_state_idx" ON "RectificationItem"("ownerEmail", "state");

CREATE TABLE "RectificationProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "evidenceJson" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);
CREATE INDEX "RectificationProgress_itemId_idx" ON "RectificationProgress"("itemId");

CREATE TABLE "EvidenceFile" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
