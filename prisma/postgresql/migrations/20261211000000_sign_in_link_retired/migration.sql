-- A link the person asks for retires their older unused ones (issue 25): only the newest works.
ALTER TABLE "SignInLink" ADD COLUMN "retiredAt" TIMESTAMP(3);
