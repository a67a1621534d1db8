-- The recurrence read (readPastIncidentsOf) wants a tenant's latest resolved or closed incidents
-- with an incident's key, and with its title. Through the key's index and the title's hash index
-- it took every incident of that key or title, whatever its status, then sorted them: a title
-- that recurs (one alert name on many hosts in a storm, or over months) was read whole for every
-- investigation. These partial indexes keep each key's and title's resolved and closed incidents
-- latest first, so the read stops at its limit. md5 of the title: a title has no length limit, a
-- btree entry has. An open incident takes no entry: intake and triage do not write to them.

-- CreateIndex
CREATE INDEX "incident_past_by_key" ON "Incident"("tenantId", "source", "sourceAlertId", "createdAt" DESC)
WHERE "status" IN ('resolved', 'closed');

-- CreateIndex
CREATE INDEX "incident_past_by_title" ON "Incident"("tenantId", md5("title"), "createdAt" DESC)
WHERE "status" IN ('resolved', 'closed');
