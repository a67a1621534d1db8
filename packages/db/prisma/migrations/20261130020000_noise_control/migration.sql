-- AlterTable
ALTER TABLE "TenantSettings" ADD COLUMN     "reopenWindowSeconds" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "duplicateStatus" INTEGER,
ADD COLUMN     "verdictTimeoutMs" INTEGER;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "resolvedByKind" "ActorKind";

-- CreateTable
CREATE TABLE "Silence" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "matchers" JSONB NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "comment" TEXT NOT NULL,
    "createdByKind" "ActorKind" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiredAt" TIMESTAMP(3),

    CONSTRAINT "Silence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Silence_tenantId_endsAt_idx" ON "Silence"("tenantId", "endsAt");

-- AddForeignKey
ALTER TABLE "Silence" ADD CONSTRAINT "Silence_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

