-- Report text is stored once (issue 22): a version names its text in ReportContent by hash, and
-- its own copy of the text goes. Versions saved before texts were hashed (no contentHash) keep
-- their text under a "legacy:" key; `audit verify` names them, as it did before.

UPDATE "ReportVersion" SET "contentHash" = 'legacy:' || "id" WHERE "contentHash" IS NULL;

INSERT INTO "ReportContent" ("hash", "body", "createdAt")
SELECT DISTINCT ON ("contentHash") "contentHash", "body", "createdAt" FROM "ReportVersion"
ORDER BY "contentHash", "createdAt"
ON CONFLICT ("hash") DO NOTHING;

ALTER TABLE "ReportVersion" DROP COLUMN "body";
ALTER TABLE "ReportVersion" ALTER COLUMN "contentHash" SET NOT NULL;
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_contentHash_fkey" FOREIGN KEY ("contentHash") REFERENCES "ReportContent"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;
