import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Redis } from "ioredis";

/** A console session (contract §10): who signed in, for which tenant, and its CSRF token. The key itself is never kept, only its hash. */
export const Session = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("key"), keyHash: z.string(), tenantId: z.string(), csrf: z.string() }),
  z.object({ kind: z.literal("operator"), tenantId: z.string(), csrf: z.string() }),
]);
export type Session = z.infer<typeof Session>;

export const SESSION_COOKIE = "cf_session";
export const SESSION_TTL_SECONDS = 12 * 3600;

/** Sessions live in Redis, so every gateway instance knows them and signing out ends one everywhere. */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async create(
    session: { kind: "key"; keyHash: string; tenantId: string } | { kind: "operator"; tenantId: string },
  ): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString("base64url");
    const full = Session.parse({ ...session, csrf: randomBytes(24).toString("base64url") });
    await this.redis.set(this.key(id), JSON.stringify(full), "EX", SESSION_TTL_SECONDS);
    return { id, session: full };
  }

  async get(id: string): Promise<Session | null> {
    if (!/^[\w-]{43}$/.test(id)) return null;
    const raw = await this.redis.get(this.key(id));
    const parsed = raw ? Session.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return `${this.prefix}:session:${id}`;
  }
}
