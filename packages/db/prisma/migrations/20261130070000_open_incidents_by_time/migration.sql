-- The correlator reads a tenant's open incidents within 30 minutes of an incident's start
-- (readConcurrentIncidentsOf). Through an index of every incident by time it walked the resolved
-- and closed ones of that window too, to drop them: after a storm was resolved (30,000 incidents
-- in 20 minutes), each investigation in the next half hour read all of them (8 reads: 67-69 ms of
-- PostgreSQL). This partial index holds the open incidents alone; the index of every incident by
-- time served that read only, so it goes. An incident resolved or closed leaves it (its new row
-- version takes no entry), so resolving writes one entry fewer than before.

-- CreateIndex
CREATE INDEX "incident_open_by_time" ON "Incident"("tenantId", "occurredAt")
WHERE "status" NOT IN ('resolved', 'closed');

-- DropIndex
DROP INDEX "Incident_tenantId_occurredAt_idx";
