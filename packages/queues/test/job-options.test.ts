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
      expect({ queue: definition.queue, completed: removeOnComplete.count, failed: removeOnFail.count }).toEqual({
        queue: definition.queue,
        completed: expect.any(Number),
        failed: expect.any(Number),
      });
      expect(removeOnComplete.count).toBeLessThanOrEqual(10_000);
      expect(removeOnFail.count).toBeLessThanOrEqual(10_000);
    }
  });
});
