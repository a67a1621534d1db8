-- AlterTable
ALTER TABLE "Change" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "requireSignatureTimestamp" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Change_tenantId_externalId_key" ON "Change"("tenantId", "externalId");

