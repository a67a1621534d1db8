-- The hash index of every incident's title served one read, the planner's past fixes, which now
-- goes through "incident_past_by_title" (the resolved and closed incidents, 20261130050000) like
-- the recurrence read. Every incident opened wrote an entry to it; none does now.

-- DropIndex
DROP INDEX "Incident_title_idx";
