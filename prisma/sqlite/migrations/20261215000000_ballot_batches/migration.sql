-- 民主测评 (issue 27): ballots handed out one by one from a group's QR code on the meeting room's
-- screen, and the season's scores beside the grade.
ALTER TABLE "EvaluationBallot" ADD COLUMN "handedOutAt" DATETIME;
ALTER TABLE "Season" ADD COLUMN "dimensionsJson" TEXT;
ALTER TABLE "EvaluationMeeting" ADD COLUMN "dimensionsJson" TEXT;
