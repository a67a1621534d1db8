/** What `warnIfRedisNotDurable` needs of a Redis client. */
interface ConfigReader {
  config(subcommand: "GET", parameter: string): Promise<unknown>;
}

/**
 * A 202 means the job is in Redis: it survives a Redis restart only with AOF on, and is never
 * evicted only with `maxmemory-policy noeviction`. Says so loudly at start; never refuses to start
 * (development and CI Redis often keep nothing on disk).
 */
export async function warnIfRedisNotDurable(
  redis: ConfigReader,
  logger: { warn: (obj: object, msg: string) => void },
): Promise<void> {
  try {
    const value = async (name: string) => {
      const reply = (await redis.config("GET", name)) as string[];
      return reply[1] ?? "";
    };
    const [aof, policy] = await Promise.all([value("appendonly"), value("maxmemory-policy")]);
    const problems = [
      ...(aof === "yes" ? [] : ["appendonly is off: queued alerts are lost if Redis restarts"]),
      ...(policy === "noeviction" ? [] : [`maxmemory-policy is ${policy}: queued alerts can be evicted under memory pressure`]),
    ];
    if (problems.length > 0) {
      logger.warn(
        { appendonly: aof, maxmemoryPolicy: policy, problems },
        "REDIS IS NOT DURABLE: acknowledged alerts can be lost; run Redis with --appendonly yes --maxmemory-policy noeviction in production",
      );
    }
  } catch {
    logger.warn(
      {},
      "could not read Redis persistence settings (CONFIG GET refused); make sure AOF is on and maxmemory-policy is noeviction",
    );
  }
}
