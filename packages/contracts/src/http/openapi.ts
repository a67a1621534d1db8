import { z } from "zod";
import * as activity from "./activity";
import * as changesRunbooks from "./changes-runbooks";
import * as common from "./common";
import * as incidents from "./incidents";
import * as silences from "./silences";
import * as channels from "./channels";
import * as session from "./session";
import { OPERATIONS, type Auth, type Operation } from "./operations";
import * as tenants from "./tenants";
import * as webhooks from "./webhooks";

type Named = Record<string, z.ZodType>;

/** Every exported schema of the HTTP modules, by its export name (the component name in the document). */
function namedSchemas(): Named {
  const modules = [
    common,
    webhooks,
    tenants,
    incidents,
    activity,
    changesRunbooks,
    silences,
    channels,
    session,
  ] as unknown as Record<string, unknown>[];
  const named: Named = {};
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType && /^[A-Z]/.test(name)) named[name] = value;
    }
  }
  return named;
}

function components(schemas: Named, used: Set<z.ZodType>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) if (used.has(schema)) registry.add(schema, { id: name });
  const { schemas: converted } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    io,
    unrepresentable: "any",
  }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(Object.entries(converted).map(([name, { $schema: _s, $id: _i, ...rest }]) => [name, rest]));
}

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  operator: [{ operatorToken: [] }, { operatorBasic: [] }],
  ingest: [{ apiKey: [] }, { bearerKey: [] }, { basicKey: [] }, { apiKeyQuery: [] }],
  read: [{ apiKey: [] }, { bearerKey: [] }, { operatorToken: [] }],
  write: [{ apiKey: [] }, { bearerKey: [] }, { operatorToken: [] }],
  admin: [{ apiKey: [] }, { bearerKey: [] }, { operatorToken: [] }],
};

/**
 * docs/openapi.json, generated from the zod schemas the gateway validates with and the tests
 * check real responses against (`npm run openapi`; a test fails when the file is stale).
 */
export function buildOpenApi(): Record<string, unknown> {
  const named = namedSchemas();
  const nameOf = new Map([...Object.entries(named)].map(([name, schema]) => [schema, name]));
  const requestSchemas = new Set(OPERATIONS.flatMap((o) => (o.body ? [o.body] : [])));
  const responseSchemas = new Set(
    OPERATIONS.flatMap((o) => Object.values(o.responses).flatMap((r) => (r.schema ? [r.schema] : []))),
  );
  const ref = (schema: z.ZodType) => {
    const name = nameOf.get(schema);
    if (!name) throw new Error("every schema of an operation must be a named export of packages/contracts/src/http");
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operationObject(op, ref);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CauseFlow API",
      version: "0.2.0",
      description:
        "Generated from packages/contracts/src/http (npm run openapi). Error bodies are {error, message} plus optional fields; timestamps are ISO 8601 UTC.",
    },
    servers: [{ url: "http://localhost:3000" }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        apiKeyQuery: { type: "apiKey", in: "query", name: "apiKey" },
        bearerKey: { type: "http", scheme: "bearer", description: "a tenant API key" },
        basicKey: { type: "http", scheme: "basic", description: "any user name, the API key as password" },
        operatorToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN; add X-Tenant-Id for tenant routes" },
        operatorBasic: { type: "http", scheme: "basic", description: "any user name, ADMIN_TOKEN as password" },
      },
      schemas: {
        ...components(named, responseSchemas, "output"),
        ...components(named, requestSchemas, "input"),
      },
    },
    paths,
  };
}

function operationObject(op: Operation, ref: (schema: z.ZodType) => unknown): Record<string, unknown> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParams =
    op.query instanceof z.ZodObject
      ? Object.entries(op.query.shape as Record<string, z.ZodType>).map(([name, schema]) => {
          const { $schema: _s, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<
            string,
            unknown
          >;
          return { name, in: "query", required: !schema.safeParse(undefined).success, schema: json };
        })
      : [];
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.schema
          ? { content: { "application/json": { schema: ref(response.schema) } } }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: "string" } } } }
            : {}),
      },
    ]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    security: SECURITY[op.auth],
    parameters: [...pathParams, ...queryParams],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body) } } } } : {}),
    responses,
  };
}
