import { AgentName, agentJob, JOB_RETENTION, JOBS } from "@causeflow/contracts";
import { jobOptions } from "../src/job-options";

describe("jobOptions", () => {
  it("keeps completed raw-alerts jobs an hour, 1,000 at most (their record is the database's); other jobs the catalog's default", () => {
    const raw = jobOptions(JOBS.rawAlert, { deliveries: [{ eventId: "evt_1" }] });
    expect(raw.removeOnComplete).toEqual({ age: 3600, count: 1000 });
    expect(raw.removeOnFail).toEqual({ age: 7 * 24 * 3600, count: 1000 });
    const triage = jobOptions(JOBS.triage, { incidents: [{ incidentId: "inc_1" }] });
    expect(triage.removeOnComplete).toEqual(JOB_RETENTION.removeOnComplete);
    expect(triage.removeOnFail).toEqual(JOB_RETENTION.removeOnFail);
  });

  it("bounds every queue's finished jobs by count, failed ones too: no rate of jobs fills Redis", () => {
    const definitions = [...Object.values(JOBS), ...AgentName.options.map(agentJob)];
    for (const definition of definitions) {
      const { removeOnComplete, removeOnFail } = definition.retention ?? JOB_RETENTION;
      // The queue named in the failure; a missing count is not ≤ 10,000 either.
      const bounded = {
        queue: definition.queue,
        completed: removeOnComplete.count <= 10_000,
        failed: removeOnFail.count <= 10_000,
      };
      expect(bounded).toEqual({ queue: definition.queue, completed: true, failed: true });
    }
  });
});
