-- Investigations read the incidents around one (the correlator's time window) and earlier ones with
-- the same title (recurrence, past fixes); without these indexes each read scanned every incident.

-- CreateIndex
CREATE INDEX "Incident_tenantId_occurredAt_idx" ON "Incident"("tenantId", "occurredAt");

-- CreateIndex (hash: a title has no length limit, a btree entry has)
CREATE INDEX "Incident_title_idx" ON "Incident" USING HASH ("title");
