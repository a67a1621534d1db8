import { EnvError } from "@causeflow/config";
import { loadGatewayEnv } from "../../../services/gateway/src/env";
import { loadNormalizerEnv } from "../../../services/normalizer/src/env";
import { loadTriageEnv } from "../../../services/triage/src/env";

const valid = { ADMIN_TOKEN: "x".repeat(20), SECRETS_KEY: "ab".repeat(32) };

describe("service environments", () => {
  it("apply the contract's defaults", () => {
    const env = loadGatewayEnv(valid);
    expect(env).toMatchObject({
      PORT: 3000,
      QUEUE_PREFIX: "causeflow",
      WEBHOOK_VERDICT_TIMEOUT_MS: 2000,
      WEBHOOK_MAX_BODY_BYTES: 1048576,
      WEBHOOK_RATE_LIMIT_PER_MINUTE: 2000,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/causeflow",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(loadNormalizerEnv({}).DEDUP_TTL_SECONDS).toBe(604800);
    expect(loadTriageEnv({}).TRIAGE_PORT).toBeUndefined();
  });

  it("fail fast naming each bad variable", () => {
    let error: unknown;
    try {
      loadGatewayEnv({ SECRETS_KEY: "short", PORT: "eighty", REDIS_URL: "localhost:6379" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ["ADMIN_TOKEN", "SECRETS_KEY", "PORT", "REDIS_URL"]) expect(message).toContain(name);
    expect(message).toMatch(/^gateway: invalid environment/);
  });

  it("treat empty values as unset", () => {
    expect(loadNormalizerEnv({ NORMALIZER_PORT: "", QUEUE_PREFIX: "" })).toMatchObject({ QUEUE_PREFIX: "causeflow" });
  });

  it("refuse a QUEUE_PREFIX that would break Redis key patterns", () => {
    expect(() => loadTriageEnv({ QUEUE_PREFIX: "a b*" })).toThrow(/QUEUE_PREFIX/);
  });
});
