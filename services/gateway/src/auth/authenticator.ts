import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { HttpError, unauthorized } from "../http/http-error";
import { extractApiKey } from "./extract-api-key";
import type { KeyResolver, ResolvedKey, Scope } from "./key-resolver";

/** Who made a request: the operator, or a tenant key. */
export type Principal = { kind: "operator" } | { kind: "key"; key: ResolvedKey };

/** What the auth middlewares leave in res.locals. */
export interface AuthLocals {
  principal: Principal;
  /** The tenant the request acts on. */
  tenantId: string;
}

/** Checks the operator token and tenant keys, and builds the auth middlewares of the REST API. */
export class Authenticator {
  private readonly adminDigest: Buffer;

  constructor(
    adminToken: string,
    private readonly keys: KeyResolver,
  ) {
    this.adminDigest = digest(adminToken);
  }

  /** True when the request carries the operator token (Bearer, or Basic with it as password). */
  isOperator(req: Request): boolean {
    const presented = operatorCredential(req);
    return presented !== undefined && timingSafeEqual(digest(presented), this.adminDigest);
  }

  /** The active key the request presents, or null. */
  async keyOf(req: Request): Promise<ResolvedKey | null> {
    const apiKey = extractApiKey(req);
    return apiKey ? this.keys.resolve(apiKey) : null;
  }

  /** Operator with `X-Tenant-Id`, or a key with `scope`; the tenant comes from the key. */
  tenantScope(scope: Scope) {
    return this.wrap(async (req) => {
      if (this.isOperator(req)) {
        const tenantId = req.get("x-tenant-id");
        if (!tenantId) throw new HttpError(400, "tenant_required", "the operator token needs an X-Tenant-Id header");
        return { principal: { kind: "operator" }, tenantId };
      }
      const key = await this.keyOf(req);
      if (!key) throw unauthorized("invalid_api_key", "missing or invalid API key");
      if (!key.scopes.includes(scope)) throw new HttpError(403, "insufficient_scope", `this API key lacks the '${scope}' scope`);
      return { principal: { kind: "key", key }, tenantId: key.tenantId };
    });
  }

  /** The operator, or a key with `admin` scope for the tenant in the path (`:tenantId`). */
  tenantAdmin() {
    return this.tenantPath("admin");
  }

  /** The operator, or a key with `scope` for the tenant in the path (`:tenantId`): silences need `write`, not `admin`. */
  tenantPath(scope: Scope) {
    return this.wrap(async (req) => {
      const tenantId = String(req.params.tenantId);
      if (this.isOperator(req)) return { principal: { kind: "operator" }, tenantId };
      const key = await this.keyOf(req);
      if (!key || key.tenantId !== tenantId)
        throw unauthorized("unauthorized", `operator token or a '${scope}' key of this tenant required`);
      if (!key.scopes.includes(scope)) throw new HttpError(403, "insufficient_scope", `this API key lacks the '${scope}' scope`);
      return { principal: { kind: "key", key }, tenantId };
    });
  }

  /** The operator only. */
  operatorOnly() {
    return this.wrap(async (req) => {
      if (!this.isOperator(req))
        throw unauthorized("unauthorized", "operator token required (Authorization: Bearer <ADMIN_TOKEN>)");
      return { principal: { kind: "operator" }, tenantId: "" };
    });
  }

  private wrap(check: (req: Request) => Promise<AuthLocals>) {
    return (req: Request, res: Response, next: NextFunction) => {
      check(req).then((locals) => {
        res.locals.auth = locals;
        next();
      }, next);
    };
  }
}

function operatorCredential(req: Request): string | undefined {
  const authorization = req.get("authorization")?.trim();
  if (!authorization) return undefined;
  const [scheme, value = ""] = authorization.split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.slice(decoded.indexOf(":") + 1);
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The auth set by a middleware above. */
export function authOf(res: Response): AuthLocals {
  return res.locals.auth as AuthLocals;
}
