-- Report text is stored once (issue 22): a version names its text in ReportContent by hash, and
-- its own copy of the text goes. Versions saved before texts were hashed (no contentHash) keep
-- their text under a "legacy:" key; `audit verify` names them, as it did before.

INSERT INTO "ReportContent" ("hash", "body", "createdAt")
SELECT COALESCE(v."contentHash", 'legacy:' || v."id"), v."body", v."createdAt" FROM "ReportVersion" v
WHERE NOT EXISTS (SELECT 1 FROM "ReportContent" c WHERE c."hash" = COALESCE(v."contentHash", 'legacy:' || v."id"))
GROUP BY COALESCE(v."contentHash", 'legacy:' || v."id");

-- SQLite drops a column and adds a foreign key only by rebuilding the table.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReportVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "figuresJson" TEXT,
    "acceptedWarningsJson" TEXT,
    "actKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportVersion_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReportVersion_contentHash_fkey" FOREIGN KEY ("contentHash") REFERENCES "ReportContent" ("hash") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReportVersion" ("id", "reportId", "number", "kind", "contentHash", "authorEmail", "figuresJson", "acceptedWarningsJson", "actKey", "createdAt")
SELECT "id", "reportId", "number", "kind", COALESCE("contentHash", 'legacy:' || "id"), "authorEmail", "figuresJson", "acceptedWarningsJson", "actKey", "createdAt" FROM "ReportVersion";
DROP TABLE "ReportVersion";
ALTER TABLE "new_ReportVersion" RENAME TO "ReportVersion";
CREATE UNIQUE INDEX "ReportVersion_reportId_number_key" ON "ReportVersion"("reportId", "number");
CREATE UNIQUE INDEX "ReportVersion_actKey_key" ON "ReportVersion"("actKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
