import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Counts of jobs by queue and state, read when Prometheus scrapes. */
export type QueueCounter = () => Promise<Record<string, Record<string, number>>>;

/**
 * Every metric of CauseFlow (contract §11), defined once; each service records the ones it has
 * and serves them all on /metrics. Labels never carry tenant ids or secrets.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly webhookRequests = new Counter({
    name: "causeflow_webhook_requests_total",
    help: "Webhook requests by provider and HTTP status",
    labelNames: ["provider", "status"] as const,
    registers: [this.registry],
  });
  readonly verdictSeconds = new Histogram({
    name: "causeflow_webhook_verdict_seconds",
    help: "Time from a webhook's arrival to its answer (verdict, or 202 when it was not ready)",
    labelNames: ["provider"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly alerts = new Counter({
    name: "causeflow_alerts_total",
    help: "Alerts applied by provider and outcome (created, duplicate, resolved, reopened, silenced, ignored)",
    labelNames: ["provider", "outcome"] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: "causeflow_job_duration_seconds",
    help: "Processing time of jobs by queue",
    labelNames: ["queue", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly agentRuns = new Counter({
    name: "causeflow_agent_runs_total",
    help: "Investigation agent runs by agent and outcome (finished, failed)",
    labelNames: ["agent", "outcome"] as const,
    registers: [this.registry],
  });
  readonly notifications = new Counter({
    name: "causeflow_notifications_total",
    help: "Notification delivery attempts by channel type and outcome (delivered, retried, failed)",
    labelNames: ["type", "outcome"] as const,
    registers: [this.registry],
  });
  readonly retentionDeleted = new Counter({
    name: "causeflow_retention_deleted_total",
    help: "Rows removed by the retention purge, by kind",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  private queueCounter: QueueCounter | undefined;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const queueCounter = () => this.queueCounter;
    new Gauge({
      name: "causeflow_queue_jobs",
      help: "Jobs by queue and state (waiting, active, delayed, failed)",
      labelNames: ["queue", "state"] as const,
      registers: [this.registry],
      async collect() {
        const counter = queueCounter();
        if (!counter) return;
        this.reset();
        try {
          for (const [queue, states] of Object.entries(await counter())) {
            for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
          }
        } catch {
          // Redis down: the scrape still answers; the gauge is simply absent.
        }
      },
    });
  }

  /** Reports queue depths on every scrape (services that hold the queues call this). */
  watchQueues(counter: QueueCounter): void {
    this.queueCounter = counter;
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
