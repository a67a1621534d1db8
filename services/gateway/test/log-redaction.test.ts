import { PassThrough } from "node:stream";
import request from "supertest";
import { TestStack } from "../../../test/support/test-stack";

describe("request logs", () => {
  it("carry request and event ids but never API keys, secrets or signatures", async () => {
    const logs: string[] = [];
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    const stack = await TestStack.start({ label: "logs", logDestination: destination });
    try {
      const creds = await stack.tenant(["ingest", "read"]);
      const body = { alert_id: "log-1", title: "Logged", alert_type: "error" };
      const viaHeader = await stack.webhook(creds, "datadog", body);
      const viaQuery = await request(stack.app)
        .post(`/v1/webhooks/${creds.tenantId}/datadog?apiKey=${encodeURIComponent(creds.apiKey)}`)
        .set("content-type", "application/json")
        .set("x-request-id", "req-from-tool-42")
        .send({ ...body, alert_id: "log-2" });
      expect([viaHeader.status, viaQuery.status]).toEqual([201, 201]);
      expect(viaQuery.headers["x-request-id"]).toBe("req-from-tool-42");

      const text = logs.join("");
      expect(text).toContain("req-from-tool-42");
      expect(text).toContain(viaQuery.body.eventId);
      expect(text).toContain(viaQuery.body.incidentId);
      expect(text).not.toContain(creds.apiKey);
      expect(text).not.toContain(creds.webhookSecret);
      expect(text).not.toMatch(/sha256=[0-9a-f]{64}/);
    } finally {
      await stack.close();
    }
  });
});
