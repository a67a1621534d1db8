import { createHash, timingSafeEqual } from "node:crypto";
import { parse as parseCookies } from "cookie";
import type { NextFunction, Request, Response } from "express";
import { HttpError, unauthorized } from "../http/http-error";
import { extractApiKey } from "./extract-api-key";
import type { KeyResolver, ResolvedKey, Scope } from "./key-resolver";
import { SESSION_COOKIE, type Session, type SessionStore } from "./session-store";

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
    private readonly sessions?: SessionStore,
  ) {
    this.adminDigest = digest(adminToken);
  }

  /** True when `token` is the operator token (constant time). */
  isOperatorToken(token: string): boolean {
    return timingSafeEqual(digest(token), this.adminDigest);
  }

  /** The console session of the request's cookie, if any (and its id). */
  async sessionOf(req: Request): Promise<{ id: string; session: Session } | null> {
    const id = this.sessions && req.headers.cookie ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : undefined;
    const session = id ? await this.sessions!.get(id) : null;
    return session ? { id: id!, session } : null;
  }

  /**
   * The principal of a console session, when the request carries no credentials of its own.
   * Mutations must echo the session's CSRF token (X-CSRF-Token) besides the SameSite=Strict cookie.
   * A key session is re-checked on every request: a revoked key ends it within a second.
   */
  private async sessionPrincipal(req: Request): Promise<AuthLocals | null> {
    if (req.get("authorization") || extractApiKey(req)) return null;
    const found = await this.sessionOf(req);
    if (!found) return null;
    const { session } = found;
    if (!["GET", "HEAD"].includes(req.method)) {
      const given = req.get("x-csrf-token") ?? "";
      if (given.length !== session.csrf.length || !timingSafeEqual(Buffer.from(given), Buffer.from(session.csrf))) {
        throw new HttpError(403, "csrf_token_invalid", "this request needs the session's X-CSRF-Token header");
      }
    }
    if (session.kind === "operator") return { principal: { kind: "operator" }, tenantId: session.tenantId };
    const key = await this.keys.resolveHash(session.keyHash);
    if (!key) throw unauthorized("invalid_api_key", "the session's API key was revoked; sign in again");
    return { principal: { kind: "key", key }, tenantId: key.tenantId };
  }

  /** True when the request carries the operator token (Bearer, or Basic with it as password). */
  isOperator(req: Request): boolean {
    const presented = operatorCredential(req);
    return presented !== undefined && this.isOperatorToken(presented);
  }

  /** The active key the request presents, or null. */
  async keyOf(req: Request): Promise<ResolvedKey | null> {
    const apiKey = extractApiKey(req);
    return apiKey ? this.keys.resolve(apiKey) : null;
  }

  /** Operator with `X-Tenant-Id`, or a key with `scope`; the tenant comes from the key. */
  tenantScope(scope: Scope) {
    return this.wrap(async (req) => {
      const session = await this.sessionPrincipal(req);
      if (session) return this.withScope(session, scope);
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
      const session = await this.sessionPrincipal(req);
      if (session) {
        if (session.tenantId !== tenantId) throw unauthorized("unauthorized", "this session is for another tenant");
        return this.withScope(session, scope);
      }
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
      const session = await this.sessionPrincipal(req);
      if (session?.principal.kind === "operator") return { principal: { kind: "operator" }, tenantId: "" };
      if (!this.isOperator(req))
        throw unauthorized("unauthorized", "operator token required (Authorization: Bearer <ADMIN_TOKEN>)");
      return { principal: { kind: "operator" }, tenantId: "" };
    });
  }

  private withScope(locals: AuthLocals, scope: Scope): AuthLocals {
    if (locals.principal.kind === "key" && !locals.principal.key.scopes.includes(scope)) {
      throw new HttpError(403, "insufficient_scope", `this API key lacks the '${scope}' scope`);
    }
    return locals;
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
