import { execFileSync } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { sign } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { SnsEnvelope } from "@causeflow/providers";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { eventually } from "../../../test/support/eventually";
import { snsStringToSign } from "../src/webhooks/verifiers/sns-verifier";

const FIXTURES = path.resolve(__dirname, "../../../packages/providers/test/fixtures/cloudwatch");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:causeflow-alarms";
const IN_DIR = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-causeflowtest.pem";
const FETCHED = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-fetched.pem";

// A key pair and self-signed certificate made for this run, standing in for SNS's.
const dir = mkdtempSync(path.join(tmpdir(), "sns-"));
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=sns.amazonaws.com",
    "-keyout",
    path.join(dir, "key.pem"),
    "-out",
    path.join(dir, "SimpleNotificationService-causeflowtest.pem"),
  ],
  { stdio: "ignore" },
);
const privateKey = readFileSync(path.join(dir, "key.pem"), "utf8");
const certificate = readFileSync(path.join(dir, "SimpleNotificationService-causeflowtest.pem"), "utf8");

function signed(envelope: SnsEnvelope, version: "1" | "2" = "1", certUrl = IN_DIR): string {
  const e = { ...envelope, SignatureVersion: version, SigningCertURL: certUrl };
  e.Signature = sign(version === "1" ? "RSA-SHA1" : "RSA-SHA256", Buffer.from(snsStringToSign(e)), privateKey).toString("base64");
  return JSON.stringify(e, null, 2);
}

const fetched: string[] = [];
const visited: string[] = [];
let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  stack = await TestStack.start({
    label: "sns",
    config: { snsCertDir: dir },
    fetchCertificate: async (url) => {
      fetched.push(url);
      return certificate;
    },
    httpGet: async (url) => {
      visited.push(url);
      return { status: 200 };
    },
  });
  creds = await stack.tenant(["ingest", "read"]);
});
afterAll(() => stack.close());

function deliver(body: string, type = "Notification", headers: Record<string, string> = {}) {
  return request(stack.app)
    .post(`/v1/webhooks/${creds.tenantId}/cloudwatch?apiKey=${encodeURIComponent(creds.apiKey)}`)
    .set({
      "content-type": "text/plain; charset=UTF-8",
      "x-amz-sns-message-type": type,
      "x-amz-sns-topic-arn": TOPIC,
      ...headers,
    })
    .send(body);
}

describe("CloudWatch alarms through SNS", () => {
  it("verifies SignatureVersion 1 and 2: ALARM opens the incident, OK resolves it", async () => {
    const alarm = await deliver(signed(fixture("alarm"), "1"));
    expect(alarm.status).toBe(201);
    expect(alarm.body).toMatchObject({ title: "checkout-api-5xx-high", severity: "medium" });
    const incident = await stack.prisma.incident.findUniqueOrThrow({ where: { id: alarm.body.incidentId } });
    expect(incident.sourceAlertId).toBe("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-api-5xx-high");
    const ok = await deliver(signed(fixture("ok"), "2"));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: "resolved", incidentId: alarm.body.incidentId });
    expect(fetched).toEqual([]); // the certificate came from SNS_CERT_DIR
  });

  it("refuses a tampered message with 401 and stores nothing", async () => {
    const events = await stack.prisma.alertEvent.count();
    const body = signed(fixture("alarm")).replace("checkout-api-5xx-high", "something-else");
    const res = await deliver(body);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_signature");
    expect(await stack.prisma.alertEvent.count()).toBe(events);
  });

  it("never fetches a certificate from a host that is not SNS's", async () => {
    for (const url of [
      "https://evil.example.com/cert.pem",
      "http://sns.eu-west-1.amazonaws.com/x.pem",
      "https://sns.eu-west-1.amazonaws.com.evil.io/x.pem",
      "https://sns.eu-west-1.amazonaws.com/x.txt",
    ]) {
      const res = await deliver(signed(fixture("alarm"), "1", url));
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/not an SNS certificate URL/);
    }
    expect(fetched).toEqual([]);
  });

  it("fetches a certificate missing from SNS_CERT_DIR once, then uses the cache", async () => {
    const first = await deliver(signed({ ...fixture("alarm"), MessageId: "m-1" }, "2", FETCHED));
    const second = await deliver(signed({ ...fixture("alarm"), MessageId: "m-2" }, "2", FETCHED));
    expect([first.status, second.status]).toEqual([201, 409]);
    expect(fetched).toEqual([FETCHED]);
  });

  it("confirms a subscription by GET of its SubscribeURL, answers 200 ignored and records the outcome", async () => {
    const envelope = fixture("subscription-confirmation");
    const res = await deliver(signed(envelope), "SubscriptionConfirmation");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "ignored", reason: "sns_subscription_confirmation" });
    const event = await eventually(
      () => stack.prisma.alertEvent.findUniqueOrThrow({ where: { id: res.body.eventId } }),
      (e) => !!e.followUp,
    );
    expect(visited).toEqual([envelope.SubscribeURL]);
    expect(event.followUp).toMatchObject({ kind: "sns_subscription_confirmation", confirmed: true, httpStatus: 200 });
    const view = await request(stack.app).get(`/v1/events/${res.body.eventId}`).set("x-api-key", creds.apiKey).expect(200);
    expect(view.body.followUp).toMatchObject({ confirmed: true });
  });

  it("never visits the URL of an UnsubscribeConfirmation", async () => {
    const before = visited.length;
    const res = await deliver(signed(fixture("unsubscribe-confirmation")), "UnsubscribeConfirmation");
    expect(res.status).toBe(200);
    expect(res.body.reason).toBe("sns_unsubscribe_confirmation");
    // Its verdict came after processing: no confirmation job exists for it, and none was visited.
    expect(await stack.queues.get("sns-confirmations").getJob(`sns-confirm-${res.body.eventId}`)).toBeUndefined();
    expect(visited.length).toBe(before);
  });

  it("applies the TopicArn allow-list", async () => {
    const put = (allowedTopicArns: string[]) =>
      request(stack.app)
        .put(`/v1/tenants/${creds.tenantId}/integrations/cloudwatch`)
        .set(stack.admin())
        .send({ allowedTopicArns })
        .expect(200);
    await put(["arn:aws:sns:eu-west-1:123456789012:other-topic"]);
    const refused = await deliver(signed({ ...fixture("alarm"), MessageId: "m-3" }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("topic_not_allowed");
    await put([TOPIC]);
    expect((await deliver(signed({ ...fixture("alarm"), MessageId: "m-4" }))).status).toBe(409);
    await put([]);
  });

  it("accepts raw message delivery only when the integration allows it", async () => {
    const raw = JSON.stringify({ ...fixture("raw-delivery"), AlarmArn: "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:raw-1" });
    const headers = { "x-amz-sns-rawdelivery": "true" };
    const refused = await deliver(raw, "Notification", headers);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("raw_delivery_disabled");
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/cloudwatch`)
      .set(stack.admin())
      .send({ allowRawDelivery: true })
      .expect(200);
    const accepted = await deliver(raw, "Notification", headers);
    expect(accepted.status).toBe(201);
  });
});
