-- The record's guarantees (issue 21): an act's version is stored once (actKey), events carry an
-- HMAC under a key the database does not hold, a season keeps the names it had (SeasonBranch,
-- RoleAssignment.personName), and a season may let leaders approve unreviewed reports.

ALTER TABLE "RoleAssignment" ADD COLUMN "personName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Season" ADD COLUMN "leadersMayApproveUnreviewed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReportVersion" ADD COLUMN "actKey" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "mac" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "macKeyId" TEXT;

CREATE TABLE "SeasonBranch" (
    "seasonId" TEXT NOT NULL,
    "branchId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    PRIMARY KEY ("seasonId", "branchId"),
    CONSTRAINT "SeasonBranch_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Existing seasons keep the names they have now: a snapshot of each branch per season, and of
-- each person per role. From here on, importing another season never changes these.
INSERT INTO "SeasonBranch" ("seasonId", "branchId", "name", "path")
SELECT DISTINCT ra."seasonId", o."id", o."name", o."path"
FROM "RoleAssignment" ra JOIN "Organization" o ON o."id" = ra."organizationId"
WHERE ra."seasonId" IS NOT NULL AND o."kind" = 'branch'
UNION
SELECT DISTINCT r."seasonId", o."id", o."name", o."path"
FROM "Report" r JOIN "Organization" o ON o."id" = r."branchId";

UPDATE "RoleAssignment" SET "personName" = (SELECT p."name" FROM "Person" p WHERE p."id" = "RoleAssignment"."personId");

-- SQLite adds a foreign key only by rebuilding the table.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seasonId" TEXT NOT NULL,
    "branchId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'assigned',
    "secretaryEmail" TEXT NOT NULL,
    "liaisonEmail" TEXT,
    "reviewerEmail" TEXT,
    "dueAt" DATETIME NOT NULL,
    "revisionDueAt" DATETIME,
    "reviewDueAt" DATETIME,
    "escalatedTo" TEXT,
    "escalatedAt" DATETIME,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "revisionRounds" INTEGER NOT NULL DEFAULT 0,
    "assignedAt" DATETIME,
    "submittedAt" DATETIME,
    "approvedAt" DATETIME,
    "rating" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Report_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Report_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Report_seasonId_branchId_fkey" FOREIGN KEY ("seasonId", "branchId") REFERENCES "SeasonBranch" ("seasonId", "branchId") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Report" ("approvedAt", "assignedAt", "branchId", "createdAt", "currentVersion", "dueAt", "escalatedAt", "escalatedTo", "id", "liaisonEmail", "rating", "reviewDueAt", "reviewerEmail", "revisionDueAt", "revisionRounds", "seasonId", "secretaryEmail", "state", "submittedAt", "updatedAt", "workflowId") SELECT "approvedAt", "assignedAt", "branchId", "createdAt", "currentVersion", "dueAt", "escalatedAt", "escalatedTo", "id", "liaisonEmail", "rating", "reviewDueAt", "reviewerEmail", "revisionDueAt", "revisionRounds", "seasonId", "secretaryEmail", "state", "submittedAt", "updatedAt", "workflowId" FROM "Report";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE UNIQUE INDEX "Report_workflowId_key" ON "Report"("workflowId");
CREATE INDEX "Report_seasonId_state_idx" ON "Report"("seasonId", "state");
CREATE UNIQUE INDEX "Report_seasonId_branchId_key" ON "Report"("seasonId", "branchId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

CREATE INDEX "SeasonBranch_seasonId_path_idx" ON "SeasonBranch"("seasonId", "path");
CREATE UNIQUE INDEX "ReportVersion_actKey_key" ON "ReportVersion"("actKey");
