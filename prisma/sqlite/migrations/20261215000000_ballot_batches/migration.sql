-- 民主测评 ballots handed out one by one from a group's QR code on the meeting room's screen (issue 27).
ALTER TABLE "EvaluationBallot" ADD COLUMN "handedOutAt" DATETIME;
