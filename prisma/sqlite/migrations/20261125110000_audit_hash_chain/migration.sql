-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "chain" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "chainSeq" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chain_chainSeq_key" ON "AuditEvent"("chain", "chainSeq");

