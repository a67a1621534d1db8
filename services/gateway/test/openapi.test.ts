import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { TestStack } from "../../../test/support/test-stack";

/** Every operation docs/openapi.json describes is served by the gateway (no "no route" 404). */
const spec = JSON.parse(readFileSync(path.resolve(__dirname, "../../../docs/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, unknown>>;
};
const operations = Object.entries(spec.paths).flatMap(([route, methods]) => Object.keys(methods).map((m) => [m, route] as const));

let stack: TestStack;
beforeAll(async () => {
  stack = await TestStack.start({ label: "openapi", normalizer: false, triage: false });
});
afterAll(() => stack.close());

it.each(operations)("%s %s exists", async (method, route) => {
  const url = route.replace("{provider}", "datadog").replace(/\{[^}]+\}/g, "x");
  const res = await (request(stack.app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url).set(
    "content-type",
    "application/json",
  );
  expect(res.body?.message ?? "").not.toMatch(/^no route for/);
});
