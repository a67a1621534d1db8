import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** docs/monitoring: the alert rules pass promtool (check and unit tests); the dashboard queries only metrics CauseFlow serves. */
const dir = path.resolve(__dirname, "../../../docs/monitoring");
const promtool = spawnSync("promtool", ["--version"]).status === 0;
const itWithPromtool = promtool ? it : it.skip;
if (!promtool) console.warn("promtool is not installed: the alert rules are not checked (.ci/run installs it)");

describe("docs/monitoring", () => {
  itWithPromtool("causeflow-rules.yml passes promtool check rules and its unit tests", () => {
    for (const args of [
      ["check", "rules", "causeflow-rules.yml"],
      ["test", "rules", "causeflow-rules.test.yml"],
    ]) {
      const result = spawnSync("promtool", args, { cwd: dir, encoding: "utf8" });
      expect(`${result.stdout}${result.stderr}`).toContain("SUCCESS");
      expect(result.status).toBe(0);
    }
  });

  it("the Grafana dashboard uses the contract's metric names", () => {
    const dashboard = JSON.parse(readFileSync(path.join(dir, "grafana-dashboard.json"), "utf8")) as {
      panels: { targets: { expr: string }[] }[];
    };
    const names = new Set(
      dashboard.panels.flatMap((p) =>
        p.targets.flatMap((t) => t.expr.match(/\b(causeflow_[a-z_]+|process_[a-z_]+|nodejs_[a-z0-9_]+)/g) ?? []),
      ),
    );
    const served = [
      "causeflow_webhook_requests_total",
      "causeflow_webhook_verdict_seconds_bucket",
      "causeflow_alerts_total",
      "causeflow_queue_jobs",
      "causeflow_job_duration_seconds_bucket",
      "causeflow_agent_runs_total",
      "causeflow_notifications_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_p99_seconds",
    ];
    expect([...names].sort()).toEqual([...served].sort());
  });
});
