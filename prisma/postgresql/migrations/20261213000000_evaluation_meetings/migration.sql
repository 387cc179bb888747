-- 民主测评 meetings (issue 27): ballots issued, and the votes kept apart from them.
CREATE TABLE "EvaluationMeeting" (
    "id" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "groupsJson" TEXT NOT NULL,
    "reportersJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "scheduledBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "tallyJson" TEXT,

    CONSTRAINT "EvaluationMeeting_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "EvaluationMeeting_seasonId_meetingId_key" ON "EvaluationMeeting"("seasonId", "meetingId");

CREATE TABLE "EvaluationBallot" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "recipientEmail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'issued',

    CONSTRAINT "EvaluationBallot_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EvaluationBallot_meetingId_idx" ON "EvaluationBallot"("meetingId");

CREATE TABLE "EvaluationVote" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "gradesJson" TEXT NOT NULL,

    CONSTRAINT "EvaluationVote_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EvaluationVote_meetingId_idx" ON "EvaluationVote"("meetingId");
