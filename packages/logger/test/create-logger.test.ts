import { Writable } from "node:stream";
import { createLogger, scrubHeaders, SENSITIVE_HEADERS } from "@causeflow/logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe("createLogger", () => {
  it("names the service and redacts credentials wherever they appear", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: "gateway", destination: stream });
    logger.info(
      {
        req: {
          headers: { authorization: "Bearer secret-token", "x-api-key": "cflo_secret", "x-webhook-signature": "sha256=abc" },
        },
        key: { apiKey: "cflo_other", webhookSecret: "whsec_x" },
        eventId: "evt_1",
      },
      "hello",
    );
    const record = JSON.parse(lines[0]!);
    expect(record.service).toBe("gateway");
    expect(record.eventId).toBe("evt_1");
    expect(lines[0]).not.toMatch(/secret-token|cflo_secret|cflo_other|whsec_x|sha256=abc/);
    expect(record.req.headers.authorization).toBe("[redacted]");
  });

  it("redacts every sensitive header under req.headers and headers", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: "gateway", destination: stream });
    const headers = Object.fromEntries(SENSITIVE_HEADERS.map((name) => [name, `secret-of-${name}`]));
    logger.info({ req: { headers }, headers }, "hello");
    expect(lines[0]).not.toContain("secret-of-");
  });

  it("scrubHeaders censors what redaction would, in any letter case, and keeps the rest", () => {
    const scrubbed = scrubHeaders({
      ...Object.fromEntries(SENSITIVE_HEADERS.map((name) => [name, `secret-of-${name}`])),
      "X-Api-Key": "cflo_upper",
      "user-agent": "Grafana/11",
      "content-type": "application/json",
    });
    expect(JSON.stringify(scrubbed)).not.toMatch(/secret-of-|cflo_upper/);
    expect(scrubbed["x-hub-signature-256"]).toBe("[redacted]");
    expect(scrubbed["user-agent"]).toBe("Grafana/11");
    expect(scrubbed["content-type"]).toBe("application/json");
  });
});
