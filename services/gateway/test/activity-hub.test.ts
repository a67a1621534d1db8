import { activityChannel } from "@causeflow/contracts";
import { createLogger } from "@causeflow/logger";
import { Redis } from "ioredis";
import { eventually } from "../../../test/support/eventually";
import { TEST_REDIS_URL } from "../../../test/support/test-env";
import { connectRedis, uniquePrefix } from "../../../test/support/test-redis";
import { ActivityHub } from "../src/activity/activity-hub";

const prefix = uniquePrefix("activity-hub");
let publisher: Redis;
let hub: ActivityHub;

beforeAll(async () => {
  publisher = await connectRedis();
  // The periodic wake out of the way: only announcements wake streams here.
  const logger = createLogger({ service: "test", level: "silent" });
  hub = await ActivityHub.start(new Redis(TEST_REDIS_URL), prefix, logger, 3_600_000);
});
afterAll(async () => {
  await hub.close();
  publisher.disconnect();
});

/** Announces new activity of `tenantId` as a committing process does; resolves once `expected` was woken. */
async function announce(tenantId: string, woken: string[], expected: string): Promise<void> {
  await publisher.publish(activityChannel(prefix), tenantId);
  await eventually(async () => woken.includes(expected));
}

describe("ActivityHub", () => {
  it("wakes the streams of the announced tenant, and no other", async () => {
    const woken: string[] = [];
    const stops = [hub.listen("ten_a", () => woken.push("a")), hub.listen("ten_b", () => woken.push("b"))];
    await announce("ten_a", woken, "a");
    expect(woken).not.toContain("b");
    stops.forEach((stop) => stop());
    expect(hub.streams).toBe(0);
  });

  it("a stream that stops twice (its request closed, then its response failed) leaves a newer stream of its tenant listening", async () => {
    const woken: string[] = [];
    const stopOld = hub.listen("ten_c", () => woken.push("old"));
    stopOld();
    const stopNew = hub.listen("ten_c", () => woken.push("new"));
    stopOld();
    expect(hub.streams).toBe(1);
    await announce("ten_c", woken, "new");
    expect(woken).toEqual(["new"]);
    stopNew();
    expect(hub.streams).toBe(0);
  });
});
