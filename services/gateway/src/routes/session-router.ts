import { SessionInfo, SignInBody } from "@causeflow/contracts/http";
import { hashApiKey } from "@causeflow/domain";
import { Router, type Response } from "express";
import type { Authenticator } from "../auth/authenticator";
import type { KeyResolver } from "../auth/key-resolver";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type Session, type SessionStore } from "../auth/session-store";
import { asyncHandler } from "../http/async-handler";
import { unauthorized } from "../http/http-error";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

/**
 * The console's sign-in (contract §10): an API key, or the operator token with a tenant, becomes
 * a server-side session behind an HttpOnly, SameSite=Strict cookie (nothing secret reaches the
 * page's storage); the answer carries the CSRF token mutations must echo. Signing out deletes the
 * session on the server.
 */
export function sessionRouter(deps: {
  auth: Authenticator;
  keys: KeyResolver;
  sessions: SessionStore;
  secureCookies: boolean;
}): Router {
  const router = Router();
  const cookie = { httpOnly: true, sameSite: "strict" as const, secure: deps.secureCookies, path: "/" };
  const info = async (session: Session): Promise<SessionInfo> => {
    if (session.kind === "operator")
      return {
        kind: "operator",
        tenantId: session.tenantId,
        keyId: null,
        scopes: ["ingest", "read", "write", "admin"],
        csrfToken: session.csrf,
      };
    const key = await deps.keys.resolveHash(session.keyHash);
    if (!key) throw unauthorized("invalid_api_key", "the session's API key was revoked; sign in again");
    return { kind: "key", tenantId: key.tenantId, keyId: key.keyId, scopes: [...key.scopes], csrfToken: session.csrf };
  };
  const send = (res: Response, status: number, body: SessionInfo) => res.status(status).json(body);

  router.post(
    "/v1/session",
    jsonBody("8kb"),
    asyncHandler(async (req, res) => {
      const body = validate(SignInBody, req.body);
      let created;
      if ("apiKey" in body) {
        const key = await deps.keys.resolve(body.apiKey);
        if (!key || !key.scopes.includes("read"))
          throw unauthorized("invalid_api_key", "unknown or revoked API key, or one without the 'read' scope");
        created = await deps.sessions.create({ kind: "key", keyHash: hashApiKey(body.apiKey), tenantId: key.tenantId });
      } else {
        if (!deps.auth.isOperatorToken(body.adminToken)) throw unauthorized("unauthorized", "wrong operator token");
        created = await deps.sessions.create({ kind: "operator", tenantId: body.tenantId });
      }
      res.cookie(SESSION_COOKIE, created.id, { ...cookie, maxAge: SESSION_TTL_SECONDS * 1000 });
      send(res, 201, await info(created.session));
    }),
  );
  router.get(
    "/v1/session",
    asyncHandler(async (req, res) => {
      const found = await deps.auth.sessionOf(req);
      // Not signed in is an answer, not an error (the console asks on every load).
      if (!found) return void res.status(204).end();
      send(res, 200, await info(found.session));
    }),
  );
  router.delete(
    "/v1/session",
    asyncHandler(async (req, res) => {
      const found = await deps.auth.sessionOf(req);
      if (found) await deps.sessions.delete(found.id);
      res.clearCookie(SESSION_COOKIE, cookie).status(204).end();
    }),
  );
  return router;
}
