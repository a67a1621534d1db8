// The bench's second yardstick: one loopback round trip between two processes, Node and Redis, one
// at a time. Every hop of the pipeline (gateway → Redis → normalizer → PostgreSQL → …) pays for
// such round trips and the wake-ups behind them; the bare route, one process answering
// autocannon, pays for few. Two full runs of the same code on 2026-12-01, an hour apart on the
// machines of two sessions: the bare route 0.10 → 0.18 ms a request, the gateway alone 0.69× → 0.35×
// of it, every multi-process row further than the bare route. So this figure is printed too.
import { Redis } from "ioredis";
import { cpuMs, pidsNamed } from "./proc-stats.mjs";

/**
 * `count` PINGs, each awaited before the next: µs of wall time a round trip, and µs of CPU a
 * round trip of both ends (this process and redis-server). `count` as many again warm up first.
 */
export async function measureRoundTrip(redisUrl, count = 20_000) {
  const redis = new Redis(redisUrl, { enableAutoPipelining: false, lazyConnect: true });
  await redis.connect();
  try {
    for (let i = 0; i < count; i++) await redis.ping();
    const redisCpu = () => pidsNamed("redis-server").reduce((sum, pid) => sum + cpuMs(pid), 0);
    const [own, server, started] = [process.cpuUsage(), redisCpu(), process.hrtime.bigint()];
    for (let i = 0; i < count; i++) await redis.ping();
    const wallUs = Number(process.hrtime.bigint() - started) / 1e3;
    const ownUs = (({ user, system }) => user + system)(process.cpuUsage(own));
    const cpuUs = ownUs + (redisCpu() - server) * 1e3;
    return { wallUs: wallUs / count, cpuUs: cpuUs / count };
  } finally {
    redis.disconnect();
  }
}
