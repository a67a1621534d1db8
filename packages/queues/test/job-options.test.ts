import { JOB_RETENTION, JOBS } from "@causeflow/contracts";
import { jobOptions } from "../src/job-options";

describe("jobOptions", () => {
  it("keeps completed raw-alerts jobs an hour, 1,000 at most (their record is the database's); other jobs the catalog's default", () => {
    const raw = jobOptions(JOBS.rawAlert, { deliveries: [{ eventId: "evt_1" }] });
    expect(raw.removeOnComplete).toEqual({ age: 3600, count: 1000 });
    expect(raw.removeOnFail).toEqual(JOB_RETENTION.removeOnFail);
    const triage = jobOptions(JOBS.triage, { incidents: [{ incidentId: "inc_1" }] });
    expect(triage.removeOnComplete).toEqual(JOB_RETENTION.removeOnComplete);
    expect(triage.removeOnFail).toEqual(JOB_RETENTION.removeOnFail);
  });
});
