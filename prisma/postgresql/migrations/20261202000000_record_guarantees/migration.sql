-- The record's guarantees (issue 21): an act's version is stored once (actKey), events carry an
-- HMAC under a key the database does not hold, a season keeps the names it had (SeasonBranch,
-- RoleAssignment.personName), and a season may let leaders approve unreviewed reports.

ALTER TABLE "RoleAssignment" ADD COLUMN "personName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Season" ADD COLUMN "leadersMayApproveUnreviewed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReportVersion" ADD COLUMN "actKey" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "mac" TEXT, ADD COLUMN "macKeyId" TEXT;

CREATE TABLE "SeasonBranch" (
    "seasonId" TEXT NOT NULL,
    "branchId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "SeasonBranch_pkey" PRIMARY KEY ("seasonId","branchId")
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

CREATE INDEX "SeasonBranch_seasonId_path_idx" ON "SeasonBranch"("seasonId", "path");
CREATE UNIQUE INDEX "ReportVersion_actKey_key" ON "ReportVersion"("actKey");
ALTER TABLE "SeasonBranch" ADD CONSTRAINT "SeasonBranch_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Report" ADD CONSTRAINT "Report_seasonId_branchId_fkey" FOREIGN KEY ("seasonId", "branchId") REFERENCES "SeasonBranch"("seasonId", "branchId") ON DELETE RESTRICT ON UPDATE CASCADE;
