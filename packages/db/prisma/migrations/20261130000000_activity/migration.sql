-- Activity (contract §7) replaces TimelineEntry, and investigation and remediation become typed columns.
-- Data is carried over (timeline rows become activity, JSON root causes and remediations become columns).

-- CreateEnum
CREATE TYPE "InvestigationStatus" AS ENUM ('running', 'completed', 'failed');
CREATE TYPE "RemediationStatus" AS ENUM ('proposed', 'approved', 'rejected');
CREATE TYPE "ActorKind" AS ENUM ('provider', 'key', 'operator', 'system');

-- Investigation: typed status, root cause and remediation columns
DROP INDEX "investigation_running";
ALTER TABLE "Investigation"
  ADD COLUMN "decidedAt" TIMESTAMP(3),
  ADD COLUMN "decidedById" TEXT,
  ADD COLUMN "decidedByKind" "ActorKind",
  ADD COLUMN "decisionReason" TEXT,
  ADD COLUMN "proposedAt" TIMESTAMP(3),
  ADD COLUMN "remediationStatus" "RemediationStatus",
  ADD COLUMN "remediationSteps" TEXT[] DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "remediationTitle" TEXT,
  ADD COLUMN "rootCauseConfidence" DOUBLE PRECISION,
  ADD COLUMN "rootCauseSummary" TEXT,
  ADD COLUMN "trigger" TEXT NOT NULL DEFAULT 'triage',
  ALTER COLUMN "status" TYPE "InvestigationStatus" USING "status"::"InvestigationStatus";
UPDATE "Investigation" SET
  "rootCauseSummary" = "rootCause"->>'summary',
  "rootCauseConfidence" = ("rootCause"->>'confidence')::double precision
WHERE "rootCause" IS NOT NULL AND jsonb_typeof("rootCause") = 'object';
UPDATE "Investigation" SET
  "remediationStatus" = ("remediation"->>'status')::"RemediationStatus",
  "remediationTitle" = "remediation"->>'title',
  "remediationSteps" = COALESCE(ARRAY(SELECT jsonb_array_elements_text("remediation"->'steps')), '{}'),
  "proposedAt" = ("remediation"->>'proposedAt')::timestamptz,
  "decidedAt" = ("remediation"->>'decidedAt')::timestamptz,
  "decisionReason" = "remediation"->>'reason'
WHERE "remediation" IS NOT NULL AND jsonb_typeof("remediation") = 'object';
ALTER TABLE "Investigation" DROP COLUMN "remediation", DROP COLUMN "rootCause";
-- Hand-written: at most one running investigation per incident (POST …/investigate answers 409).
CREATE UNIQUE INDEX "investigation_running" ON "Investigation"("incidentId") WHERE "status" = 'running';
CREATE INDEX "Investigation_status_startedAt_idx" ON "Investigation"("status", "startedAt");

-- Incident: acknowledge, assign, reopen (contract §9)
ALTER TABLE "Incident"
  ADD COLUMN "acknowledgedAt" TIMESTAMP(3),
  ADD COLUMN "acknowledgedById" TEXT,
  ADD COLUMN "acknowledgedByKind" "ActorKind",
  ADD COLUMN "assignee" TEXT,
  ADD COLUMN "reopenCount" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "Incident_status_createdAt_idx" ON "Incident"("status", "createdAt");

-- CreateTable
CREATE TABLE "Activity" (
    "tenantId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "incidentId" TEXT,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" TEXT,
    "message" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("tenantId","seq")
);
CREATE TABLE "ActivityCounter" (
    "tenantId" TEXT NOT NULL,
    "last" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityCounter_pkey" PRIMARY KEY ("tenantId")
);
CREATE TABLE "ActivityCursor" (
    "consumer" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityCursor_pkey" PRIMARY KEY ("consumer","tenantId")
);
CREATE INDEX "Activity_tenantId_incidentId_seq_idx" ON "Activity"("tenantId", "incidentId", "seq");

-- Timeline rows become activity, numbered per tenant in time order.
INSERT INTO "Activity" ("tenantId", "seq", "type", "incidentId", "actorKind", "actorId", "message", "data", "occurredAt")
SELECT i."tenantId",
       row_number() OVER (PARTITION BY i."tenantId" ORDER BY t."createdAt", t."id"),
       CASE t."kind"
         WHEN 'created' THEN 'incident.created'
         WHEN 'duplicate' THEN 'incident.duplicate'
         WHEN 'status_changed' THEN CASE WHEN t."data"->>'to' = 'resolved' THEN 'incident.resolved' ELSE 'incident.status_changed' END
         WHEN 'triaged' THEN 'incident.triaged'
         WHEN 'investigation_started' THEN 'investigation.started'
         WHEN 'agent_finished' THEN 'agent.finished'
         WHEN 'agent_failed' THEN 'agent.failed'
         WHEN 'root_cause' THEN 'investigation.completed'
         WHEN 'investigation_failed' THEN 'investigation.failed'
         WHEN 'remediation_proposed' THEN 'remediation.proposed'
         WHEN 'remediation_approved' THEN 'remediation.approved'
         WHEN 'remediation_rejected' THEN 'remediation.rejected'
         ELSE 'incident.status_changed'
       END,
       t."incidentId",
       CASE WHEN t."data"->>'by' = 'operator' THEN 'operator'::"ActorKind" ELSE 'system'::"ActorKind" END,
       NULL,
       t."message",
       t."data",
       t."createdAt"
FROM "TimelineEntry" t JOIN "Incident" i ON i."id" = t."incidentId";
INSERT INTO "ActivityCounter" ("tenantId", "last")
SELECT "tenantId", max("seq") FROM "Activity" GROUP BY "tenantId";

DROP TABLE "TimelineEntry";
