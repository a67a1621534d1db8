import { readFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApi, OPERATIONS } from "@causeflow/contracts/http";
import request from "supertest";
import { TestStack } from "../../../test/support/test-stack";

const committed = JSON.parse(readFileSync(path.resolve(__dirname, "../../../docs/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

describe("docs/openapi.json", () => {
  it("is what npm run openapi generates from the contract's schemas (it cannot drift from the code)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });

  it("names every operation and lists the required fields of its objects", () => {
    const ops = Object.values(committed.paths).flatMap((methods) => Object.values(methods));
    expect(ops.every((op) => typeof op.operationId === "string")).toBe(true);
    expect(new Set(ops.map((op) => op.operationId)).size).toBe(ops.length);
    const incident = (committed as unknown as { components: { schemas: Record<string, { required?: string[] }> } }).components
      .schemas.Incident!;
    expect(incident.required).toEqual(expect.arrayContaining(["incidentId", "severity", "status", "duplicateCount"]));
  });
});

describe("every operation is served", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ label: "openapi", normalizer: false, triage: false });
  });
  afterAll(() => stack.close());

  it.each(OPERATIONS.filter((o) => o.operationId !== "streamActivity").map((o) => [o.method, o.path] as const))(
    "%s %s",
    async (method, route) => {
      const url = route.replace("{provider}", "datadog").replace(/\{[^}]+\}/g, "x");
      const res = await (request(stack.app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url).set(
        "content-type",
        "application/json",
      );
      expect(res.body?.message ?? "").not.toMatch(/^no route for/);
    },
  );
});
