-- 民主测评 meetings (issue 27): ballots issued, and the votes kept apart from them.
CREATE TABLE "EvaluationMeeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seasonId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "groupsJson" TEXT NOT NULL,
    "reportersJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "scheduledBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "tallyJson" TEXT
);

CREATE UNIQUE INDEX "EvaluationMeeting_seasonId_meetingId_key" ON "EvaluationMeeting"("seasonId", "meetingId");

CREATE TABLE "EvaluationBallot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "recipientEmail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'issued'
);

CREATE INDEX "EvaluationBallot_meetingId_idx" ON "EvaluationBallot"("meetingId");

CREATE TABLE "EvaluationVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "gradesJson" TEXT NOT NULL
);

CREATE INDEX "EvaluationVote_meetingId_idx" ON "EvaluationVote"("meetingId");
