-- Personal API tokens (issue 25): only the hash of each secret is kept.
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "personEmail" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ApiToken_personEmail_idx" ON "ApiToken"("personEmail");
