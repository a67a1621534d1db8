import { randomBytes } from "node:crypto";
import { dedupKey, type NormalizedAlert, type TriageJob } from "@causeflow/contracts";
import { isInfrastructureError } from "@causeflow/db";
import { createLogger } from "@causeflow/logger";
import { QueueSet } from "@causeflow/queues";
import type { Redis } from "ioredis";
import {
  AlertBatcher,
  applyAlert,
  createSilence,
  DedupCache,
  RedisActivityPublisher,
  triageIncident,
  triageIncidents,
  type AlertContext,
  type AlertKey,
  type ApplyAlertDeps,
} from "../src";
import { eventually } from "../../../test/support/eventually";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { connectRedis, deleteKeys, uniquePrefix } from "../../../test/support/test-redis";

// The batched hot paths (issue 12) write exactly what the one-by-one operations write, and leave
// every case they do not handle to them.
let db: TestDatabase;
let redis: Redis;
let deps: ApplyAlertDeps;
let batcher: AlertBatcher;
const prefix = uniquePrefix("batch");
const tenantId = "ten_batch";
const logger = createLogger({ service: "test", level: "silent" });

beforeAll(async () => {
  db = await createTestDatabase("batch");
  redis = await connectRedis();
  deps = {
    prisma: db.prisma,
    queues: new QueueSet({ connection: redis, prefix }, logger),
    publisher: new RedisActivityPublisher(redis, prefix, logger),
    dedup: new DedupCache(redis, prefix, 3600),
  };
  batcher = new AlertBatcher(deps);
  await db.prisma.tenant.create({ data: { id: tenantId, name: "batch" } });
});
afterAll(async () => {
  await deps.queues.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await db.close();
});

const alert = (sourceAlertId: string, fields: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  sourceAlertId,
  title: "Checkout latency",
  description: "p99 > 2s",
  severity: "high",
  status: "firing",
  service: "checkout",
  environment: "production",
  tags: { team: "payments" },
  url: "https://grafana.example/d/1",
  occurredAt: "2026-11-29T10:00:00.000Z",
  ...fields,
});

/** A fresh delivery of one alert (its AlertEvent recorded, as the normalizer does first). */
async function delivery(normalized: NormalizedAlert): Promise<AlertContext> {
  const eventId = `evt_${randomBytes(6).toString("hex")}`;
  const receivedAt = new Date();
  await db.prisma.alertEvent.create({
    data: { id: eventId, tenantId, provider: "custom", receivedAt, rawBody: "{}", headers: {}, status: "received" },
  });
  return { tenantId, provider: "custom", eventId, index: 0, firstAttempt: true, alert: normalized, receivedAt };
}

/** As a raw-alerts job applies it: a store error (a busy machine's pool timeout) is retried, as not the first attempt. */
async function applyAsJob(ctx: AlertContext) {
  for (;;) {
    try {
      return await batcher.apply(ctx);
    } catch (error) {
      if (!isInfrastructureError(error)) throw error;
      ctx = { ...ctx, firstAttempt: false };
    }
  }
}

/** A normalizer's DedupCache (real Redis) that counts the times a resolve found its key claimed before it. */
class WatchedDedup extends DedupCache {
  claimedSeen = 0;
  override async claimedBefore(key: AlertKey, at: Date): Promise<boolean> {
    const claimed = await super.claimedBefore(key, at);
    if (claimed) this.claimedSeen += 1;
    return claimed;
  }
}

/** What a key's rows hold, without what differs by construction (ids, keys, times). */
async function written(sourceAlertId: string) {
  const incident = await db.prisma.incident.findFirstOrThrow({ where: { tenantId, sourceAlertId } });
  const records = await db.prisma.incidentAlert.findMany({ where: { incidentId: incident.id }, orderBy: { createdAt: "asc" } });
  const activity = await db.prisma.activity.findMany({ where: { incidentId: incident.id }, orderBy: { seq: "asc" } });
  const { id, sourceAlertId: _k, createdAt, updatedAt, firstSeenAt, lastSeenAt, ...fields } = incident;
  expect([id, createdAt, updatedAt, firstSeenAt, lastSeenAt].every(Boolean)).toBe(true);
  return {
    incident: fields,
    records: records.map((r) => ({ status: r.status, outcome: r.outcome, sourceAlertId: typeof r.sourceAlertId })),
    activity: activity.map((a) => {
      const { eventId: _e, sourceAlertId: _s, ...data } = a.data as Record<string, unknown>;
      return { type: a.type, actorKind: a.actorKind, actorId: a.actorId, message: a.message, data };
    }),
  };
}

describe("AlertBatcher", () => {
  it("opens an incident and counts its duplicates with the rows applyAlert writes", async () => {
    const before = { ...batcher.applied };
    const batched = await batcher.apply(await delivery(alert("batched")));
    const single = await applyAlert(deps, await delivery(alert("single")));
    expect(batched).toMatchObject({ outcome: "created", title: "Checkout latency", severity: "high", status: "open" });
    expect(single).toMatchObject({ outcome: "created" });

    expect(await batcher.apply(await delivery(alert("batched")))).toMatchObject({
      outcome: "duplicate",
      incidentId: batched.incidentId,
    });
    await applyAlert(deps, await delivery(alert("single")));
    expect(batcher.applied).toEqual({ batched: before.batched + 2, oneByOne: before.oneByOne });
    expect(await written("batched")).toEqual(await written("single"));
    expect((await written("batched")).incident.duplicateCount).toBe(1);
  });

  it("applies 300 concurrent alerts of 30 keys exactly once, duplicates aggregated per key", async () => {
    const contexts = await Promise.all(Array.from({ length: 300 }, (_, i) => delivery(alert(`many-${i % 30}`))));
    const before = batcher.applied.batched;
    const results = await Promise.all(contexts.map((ctx) => applyAsJob(ctx)));
    expect(batcher.applied.batched - before).toBeGreaterThanOrEqual(30);
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(30);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(270);
    const incidents = await db.prisma.incident.findMany({ where: { sourceAlertId: { startsWith: "many-" } } });
    expect(incidents).toHaveLength(30);
    expect(incidents.every((i) => i.duplicateCount === 9)).toBe(true);
    const seqs = (await db.prisma.activity.findMany({ where: { tenantId }, select: { seq: true }, orderBy: { seq: "asc" } })).map(
      (a) => Number(a.seq),
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

    // Triage is queued per batch, not per incident: every new incident in exactly one job's list.
    const ids = new Set(incidents.map((i) => i.id));
    const jobs = (await deps.queues.get("triage").getJobs(["waiting"])).filter((job) =>
      (job.data as TriageJob).incidents.some((t) => ids.has(t.incidentId)),
    );
    const queued = jobs.flatMap((job) => (job.data as TriageJob).incidents.map((t) => t.incidentId));
    expect(queued.sort()).toEqual([...ids].sort());
    expect(jobs.length).toBeLessThan(30);
  });

  it("resolves an open incident with the rows applyAlert writes", async () => {
    for (const key of ["res-batched", "res-single"]) await batcher.apply(await delivery(alert(key)));
    const before = { ...batcher.applied };
    const resolveCtx = await delivery(alert("res-batched", { status: "resolved" }));
    const batched = await batcher.apply(resolveCtx);
    const single = await applyAlert(deps, await delivery(alert("res-single", { status: "resolved" })));
    expect(batched).toMatchObject({ outcome: "resolved", title: "Checkout latency", severity: "high", status: "resolved" });
    expect(single).toMatchObject({ outcome: "resolved", status: "resolved" });
    expect(batcher.applied).toEqual({ batched: before.batched + 1, oneByOne: before.oneByOne });

    const withoutResolvedAt = (w: Awaited<ReturnType<typeof written>>) => ({
      ...w,
      incident: { ...w.incident, resolvedAt: null },
    });
    const [b, o] = [await written("res-batched"), await written("res-single")];
    expect(withoutResolvedAt(b)).toEqual(withoutResolvedAt(o));
    expect(b.incident.resolvedAt).toEqual(resolveCtx.receivedAt);
    expect(b.activity.at(-1)).toEqual({
      type: "incident.resolved",
      actorKind: "provider",
      actorId: "custom",
      message: "Resolved by custom",
      data: { from: "open", to: "resolved" },
    });
    // The key is free again: its next firing alert opens a new incident.
    expect(await batcher.apply(await delivery(alert("res-batched")))).toMatchObject({ outcome: "created" });
  });

  it("records a resolve of a key with nothing open as ignored, as applyAlert does", async () => {
    const before = { ...batcher.applied };
    const ctx = await delivery(alert("never-opened", { status: "resolved" }));
    expect(await batcher.apply(ctx)).toEqual({ sourceAlertId: "never-opened", outcome: "ignored", incidentId: null });
    expect(batcher.applied).toEqual({ batched: before.batched + 1, oneByOne: before.oneByOne });
    await applyAlert(deps, await delivery(alert("never-opened-single", { status: "resolved" })));
    const records = await db.prisma.incidentAlert.findMany({
      where: { sourceAlertId: { in: ["never-opened", "never-opened-single"] } },
      orderBy: { sourceAlertId: "asc" },
    });
    const shape = ({ status, outcome, incidentId, normalized }: (typeof records)[number]) => ({
      status,
      outcome,
      incidentId,
      title: (normalized as NormalizedAlert).title,
    });
    expect(records.map(shape)).toEqual([
      { status: "resolved", outcome: "ignored", incidentId: null, title: "Checkout latency" },
      { status: "resolved", outcome: "ignored", incidentId: null, title: "Checkout latency" },
    ]);
    expect(records[0]!.id).toBe(`${ctx.eventId}-0`);
  });

  it("a resolve storm: each open incident resolved once, the other resolves of its key ignored", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `gone-${i}`);
    const opened = await Promise.all(keys.map(async (key) => applyAsJob(await delivery(alert(key)))));
    const contexts = await Promise.all([...keys, ...keys].map((key) => delivery(alert(key, { status: "resolved" }))));
    const before = batcher.applied.batched;
    const results = await Promise.all(contexts.map((ctx) => applyAsJob(ctx)));
    expect(batcher.applied.batched - before).toBeGreaterThanOrEqual(30);
    expect(
      results
        .filter((r) => r.outcome === "resolved")
        .map((r) => r.incidentId)
        .sort(),
    ).toEqual(opened.map((r) => r.incidentId).sort());
    expect(results.filter((r) => r.outcome === "ignored")).toHaveLength(30);
    const incidents = await db.prisma.incident.findMany({ where: { sourceAlertId: { startsWith: "gone-" } } });
    expect(incidents.map((i) => i.status)).toEqual(Array(30).fill("resolved"));
    const records = await db.prisma.incidentAlert.groupBy({
      by: ["outcome"],
      where: { sourceAlertId: { startsWith: "gone-" }, status: "resolved" },
      _count: true,
    });
    expect(Object.fromEntries(records.map((r) => [r.outcome, r._count]))).toEqual({ resolved: 30, ignored: 30 });
    const resolvedEntries = await db.prisma.activity.count({
      where: { type: "incident.resolved", incidentId: { in: incidents.map((i) => i.id) } },
    });
    expect(resolvedEntries).toBe(30);
    const seqs = (await db.prisma.activity.findMany({ where: { tenantId }, select: { seq: true }, orderBy: { seq: "asc" } })).map(
      (a) => Number(a.seq),
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it("records silenced alerts as applyAlert does, their keys released", async () => {
    const silence = await createSilence(deps, {
      tenantId,
      matchers: [{ field: "service", op: "=", value: "muted" }],
      endsAt: new Date(Date.now() + 3_600_000),
      comment: "maintenance",
      actor: { kind: "operator", id: null },
    });
    const before = { ...batcher.applied };
    const quiet = await Promise.all(
      ["quiet", "quiet-2"].map(async (key) => batcher.apply(await delivery(alert(key, { service: "muted" })))),
    );
    expect(quiet).toEqual([
      { sourceAlertId: "quiet", outcome: "silenced", incidentId: null, silenceId: silence.id },
      { sourceAlertId: "quiet-2", outcome: "silenced", incidentId: null, silenceId: silence.id },
    ]);
    expect(batcher.applied).toEqual({ batched: before.batched + 2, oneByOne: before.oneByOne });
    expect(await applyAlert(deps, await delivery(alert("quiet-single", { service: "muted" })))).toMatchObject({
      outcome: "silenced",
    });
    expect(await db.prisma.incident.count({ where: { sourceAlertId: { startsWith: "quiet" } } })).toBe(0);
    const silencedRows = async (sourceAlertId: string) => {
      const [record] = await db.prisma.incidentAlert.findMany({ where: { sourceAlertId } });
      const entries = await db.prisma.activity.findMany({ where: { tenantId, type: "alert.silenced" } });
      const entry = entries.find((a) => (a.data as { sourceAlertId: string }).sourceAlertId === sourceAlertId)!;
      const { eventId, ...data } = entry.data as Record<string, unknown>;
      expect(eventId).toBe(record!.eventId);
      return {
        record: { status: record!.status, outcome: record!.outcome, incidentId: record!.incidentId },
        entry: { actorKind: entry.actorKind, actorId: entry.actorId, incidentId: entry.incidentId, message: entry.message, data },
      };
    };
    const single = await silencedRows("quiet-single");
    expect(single.record).toEqual({ status: "firing", outcome: "silenced", incidentId: null });
    expect(await silencedRows("quiet")).toEqual({
      ...single,
      entry: { ...single.entry, data: { ...single.entry.data, sourceAlertId: "quiet" } },
    });
    expect(await redis.exists(dedupKey(prefix, tenantId, "custom", "quiet"))).toBe(0);
  });

  it("a storm of one key a silence matches: every alert recorded as silenced in batches, none opens an incident", async () => {
    // The silence of the test before, on service "muted", is still active.
    const contexts = await Promise.all(Array.from({ length: 60 }, () => delivery(alert("quiet-storm", { service: "muted" }))));
    const before = { ...batcher.applied };
    const results = await Promise.all(contexts.map((ctx) => applyAsJob(ctx)));
    expect(results.map((r) => r.outcome)).toEqual(Array(60).fill("silenced"));
    expect(batcher.applied).toEqual({ batched: before.batched + 60, oneByOne: before.oneByOne });
    expect(await db.prisma.incident.count({ where: { sourceAlertId: "quiet-storm" } })).toBe(0);
    expect(await db.prisma.incidentAlert.count({ where: { sourceAlertId: "quiet-storm", outcome: "silenced" } })).toBe(60);
  });

  it("reopens a flapping incident with the rows applyAlert writes; the key's next alert is its duplicate", async () => {
    await db.prisma.tenantSettings.create({ data: { tenantId, reopenWindowSeconds: 300 } });
    const opened: Record<string, string | null> = {};
    for (const key of ["flap", "flap-single"]) {
      opened[key] = (await batcher.apply(await delivery(alert(key)))).incidentId;
      expect(await batcher.apply(await delivery(alert(key, { status: "resolved" })))).toMatchObject({ outcome: "resolved" });
    }
    const before = { ...batcher.applied };
    const again = await batcher.apply(await delivery(alert("flap")));
    expect(again).toMatchObject({ outcome: "reopened", incidentId: opened.flap, status: "open" });
    expect(batcher.applied).toEqual({ batched: before.batched + 1, oneByOne: before.oneByOne });
    expect(await batcher.apply(await delivery(alert("flap")))).toMatchObject({ outcome: "duplicate", incidentId: opened.flap });
    expect(await applyAlert(deps, await delivery(alert("flap-single")))).toMatchObject({
      outcome: "reopened",
      incidentId: opened["flap-single"],
      status: "open",
    });
    await applyAlert(deps, await delivery(alert("flap-single")));
    // The entry's message says how many seconds after the resolve: not the same for both keys.
    const seconds = (w: Awaited<ReturnType<typeof written>>) => ({
      ...w,
      activity: w.activity.map((a) => ({ ...a, message: a.message.replace(/\d+ s after/, "N s after") })),
    });
    const [batched, single] = [seconds(await written("flap")), seconds(await written("flap-single"))];
    expect(batched).toEqual(single);
    expect(batched.incident).toMatchObject({
      status: "open",
      reopenCount: 1,
      resolvedAt: null,
      resolvedByKind: null,
      duplicateCount: 1,
    });
    expect(batched.activity.map((a) => a.type)).toEqual([
      "incident.created",
      "incident.resolved",
      "incident.reopened",
      "incident.duplicate",
    ]);
    expect(batched.activity[2]).toMatchObject({ message: "Reopened: the alert fired again N s after custom resolved it" });
  });

  it("a storm on a fresh key: its duplicates wait for the incident being opened and are counted in batches", async () => {
    const contexts = await Promise.all(Array.from({ length: 120 }, () => delivery(alert("fresh-storm"))));
    const before = { ...batcher.applied };
    const results = await Promise.all(contexts.map((ctx) => applyAsJob(ctx)));
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(119);
    // None went the one-by-one way, which takes the incident's row lock once per alert.
    expect(batcher.applied).toEqual({ batched: before.batched + 120, oneByOne: before.oneByOne });
    expect((await written("fresh-storm")).incident.duplicateCount).toBe(119);
    expect(batcher.turns.size).toBe(0);
  });

  it("a key's alerts take effect in the order they are applied: a resolve right after its firing alert resolves it", async () => {
    const [firing, resolved, again] = await Promise.all([
      delivery(alert("in-order")),
      delivery(alert("in-order", { status: "resolved" })),
      delivery(alert("in-order")),
    ]);
    // Applied as a raw-alerts job applies its deliveries: one after the other, none awaited.
    const results = await Promise.all([firing, resolved].map((ctx) => applyAsJob(ctx)));
    expect(results.map((r) => r.outcome)).toEqual(["created", "resolved"]);
    expect((await written("in-order")).incident.status).toBe("resolved");
    // And a firing alert right after the resolve opens the key's incident again (reopened within the
    // tenant's reopen window, which an earlier test may have set), not a duplicate of a resolved one.
    const [, , next] = await Promise.all(
      [await delivery(alert("in-order")), await delivery(alert("in-order", { status: "resolved" })), again].map((ctx) =>
        applyAsJob(ctx),
      ),
    );
    expect(["created", "reopened"]).toContain(next!.outcome);
    expect(next).toMatchObject({ status: "open" });
    expect(await db.prisma.incident.count({ where: { tenantId, sourceAlertId: "in-order", status: "open" } })).toBe(1);
  });

  it.each([
    ["fresh", true],
    ["retried", false],
  ])(
    "a %s resolve that comes while another normalizer opens its key's incident waits for that incident and resolves it",
    async (name, firstAttempt) => {
      const sourceAlertId = `two-normalizers-${name}`;
      const watched = new WatchedDedup(redis, prefix, 3600);
      const other = new AlertBatcher({ ...deps, dedup: watched });
      const [firing, resolve] = [
        await delivery(alert(sourceAlertId)),
        await delivery(alert(sourceAlertId, { status: "resolved" })),
      ];
      // This normalizer's firing alert, received first, has claimed the key and is opening its incident, not committed yet.
      expect(await deps.dedup.claim({ tenantId, provider: "custom", sourceAlertId }, firing.receivedAt)).toBe(true);
      const resolving = other.apply({ ...resolve, firstAttempt });
      // The other normalizer's resolve found nothing open under the claim: it holds, and looks again.
      await eventually(
        async () => watched.claimedSeen,
        (seen) => seen >= 2,
      );
      expect(await db.prisma.incidentAlert.count({ where: { sourceAlertId } })).toBe(0);
      const opened = await batcher.apply(firing);
      expect(opened).toMatchObject({ outcome: "created", status: "open" });
      expect(await resolving).toMatchObject({ outcome: "resolved", incidentId: opened.incidentId, status: "resolved" });
      expect((await written(sourceAlertId)).incident.status).toBe("resolved");
      // Released as any resolve releases it: the key's next firing alert opens an incident again.
      expect(await redis.exists(dedupKey(prefix, tenantId, "custom", sourceAlertId))).toBe(0);
    },
  );

  it.each([
    ["fresh", true],
    ["retried", false],
  ])(
    "a %s resolve that comes while another normalizer applies a delivery it took before, not yet claimed, waits for it",
    async (name, firstAttempt) => {
      const sourceAlertId = `taken-before-${name}`;
      const [firing, resolve] = [
        await delivery(alert(sourceAlertId)),
        await delivery(alert(sourceAlertId, { status: "resolved" })),
      ];
      // What the normalizer reads from its queue: the other normalizer's job is active until its alert is applied.
      let asked = 0;
      let applied = false;
      const earlierElsewhere = async () => {
        asked += 1;
        return !applied;
      };
      const other = new AlertBatcher(deps);
      const resolving = other.apply({ ...resolve, firstAttempt, earlierElsewhere });
      await eventually(
        async () => asked,
        (n) => n >= 2,
      );
      expect(await db.prisma.incidentAlert.count({ where: { sourceAlertId } })).toBe(0);
      const opened = await batcher.apply(firing);
      applied = true;
      expect(await resolving).toMatchObject({ outcome: "resolved", incidentId: opened.incidentId, status: "resolved" });
      expect((await written(sourceAlertId)).incident.status).toBe("resolved");
    },
  );

  it("a resolve received before the firing alert that claimed its key is not held: that alert's incident stays open", async () => {
    const key = { tenantId, provider: "custom", sourceAlertId: "resolve-first" };
    const resolve = await delivery(alert("resolve-first", { status: "resolved" }));
    const firing = await delivery(alert("resolve-first"));
    const watched = new WatchedDedup(redis, prefix, 3600);
    const other = new AlertBatcher({ ...deps, dedup: watched });
    // The firing alert, received after the resolve, claimed the key first (its normalizer was faster).
    expect(await deps.dedup.claim(key, new Date(resolve.receivedAt.getTime() + 1))).toBe(true);
    expect(await other.apply(resolve)).toEqual({ sourceAlertId: "resolve-first", outcome: "ignored", incidentId: null });
    expect(watched.claimedSeen).toBe(0);
    expect(await batcher.apply(firing)).toMatchObject({ outcome: "created", status: "open" });
    expect((await written("resolve-first")).incident.status).toBe("open");
  });

  it("a resolve under a claim left behind (nothing is being opened) is recorded as ignored once its wait is over", async () => {
    const key = { tenantId, provider: "custom", sourceAlertId: "left-behind" };
    const shortWait = new AlertBatcher(deps, { resolveWaitMs: 200 });
    expect(await deps.dedup.claim(key, new Date(Date.now() - 60_000))).toBe(true);
    const ctx = await delivery(alert("left-behind", { status: "resolved" }));
    expect(await shortWait.apply(ctx)).toEqual({ sourceAlertId: "left-behind", outcome: "ignored", incidentId: null });
    const records = await db.prisma.incidentAlert.findMany({ where: { sourceAlertId: "left-behind" } });
    expect(records.map((r) => [r.id, r.outcome, r.incidentId])).toEqual([[`${ctx.eventId}-0`, "ignored", null]]);
    expect(await redis.exists(dedupKey(prefix, tenantId, "custom", "left-behind"))).toBe(0);
  });

  it("a retried delivery replays what its first attempt did", async () => {
    const ctx = await delivery(alert("retried"));
    const first = await batcher.apply(ctx);
    expect(await batcher.apply({ ...ctx, firstAttempt: false })).toEqual(first);
    expect(await db.prisma.incidentAlert.count({ where: { sourceAlertId: "retried" } })).toBe(1);
  });
});

describe("triageIncidents", () => {
  it("records what triageIncident records, and never triages twice", async () => {
    const a = await batcher.apply(await delivery(alert("triage-a")));
    const b = await batcher.apply(await delivery(alert("triage-b")));
    const decision = {
      severity: "critical" as const,
      reasons: ["service checkout is flagged (+1): high → critical"],
      mode: "immediate" as const,
      agents: ["change_detector" as const],
    };
    const [rowA, rowB] = await Promise.all(
      [a, b].map((r) => db.prisma.incident.findUniqueOrThrow({ where: { id: r.incidentId! } })),
    );
    const [moved] = await triageIncidents(deps, [{ incident: rowA!, decision }]);
    await triageIncident(deps, rowB!, decision);
    expect(moved).toMatchObject({ id: rowA!.id, status: "triaging", severity: "critical", assignedAgents: ["change_detector"] });
    const view = async (sourceAlertId: string) => {
      const w = await written(sourceAlertId);
      return { ...w, activity: w.activity.filter((e) => e.type === "incident.triaged") };
    };
    expect(await view("triage-a")).toEqual(await view("triage-b"));
    expect(await triageIncidents(deps, [{ incident: rowA!, decision }])).toEqual([null]);
  });
});
