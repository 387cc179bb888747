-- Autosave keeps one working copy per report (issue 24): not a version and not in the record, so
-- the version list holds only what was saved on purpose or submitted.

-- CreateTable
CREATE TABLE "WorkingCopy" (
    "reportId" TEXT NOT NULL PRIMARY KEY,
    "body" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "savedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkingCopy_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
