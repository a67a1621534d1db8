import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { SseClient } from "../../../test/support/sse-client";
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

  it("log an activity stream its client closed as closed (info), not as an aborted request (error)", async () => {
    const logs: string[] = [];
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) => logs.push(...chunk.toString().split("\n").filter(Boolean)));
    const stack = await TestStack.start({ label: "logs_stream", logDestination: destination });
    const server = stack.app.listen(0, "127.0.0.1");
    try {
      await new Promise((resolve) => server.once("listening", resolve));
      const creds = await stack.tenant(["read"]);
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = await SseClient.open(`${base}/v1/activity/stream`, { "x-api-key": creds.apiKey });
      expect(client.status).toBe(200);
      client.close();
      const streamLine = () =>
        logs.map((line) => JSON.parse(line)).find((line) => line.req?.url === "/v1/activity/stream" && line.msg !== undefined);
      const line = await eventually(async () => streamLine());
      expect([line.level, line.msg, line.res.statusCode]).toEqual([30, "stream closed", 200]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stack.close();
    }
  });
});
