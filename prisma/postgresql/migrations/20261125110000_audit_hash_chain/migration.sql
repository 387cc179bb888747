-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chain" TEXT,
ADD COLUMN     "chainSeq" INTEGER,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chain_chainSeq_key" ON "AuditEvent"("chain", "chainSeq");

