import { z } from "zod";
import { Scope } from "./tenants";

/** Console sign-in (contract §10): a tenant API key (scope `read`), or the operator token with the tenant to work on. */
export const SignInBody = z.union([
  z.object({ apiKey: z.string().min(10).max(200) }).strict(),
  z.object({ adminToken: z.string().min(1).max(500), tenantId: z.string().min(1).max(100) }).strict(),
]);
export type SignInBody = z.infer<typeof SignInBody>;

/** Who the session is; `csrfToken` goes into X-CSRF-Token on every change made with the session cookie. */
export const SessionInfo = z.strictObject({
  kind: z.enum(["key", "operator"]),
  tenantId: z.string(),
  keyId: z.string().nullable(),
  scopes: z.array(Scope),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const TestAlertResult = z.strictObject({
  status: z.number().int(),
  body: z.record(z.string(), z.unknown()),
});
export type TestAlertResult = z.infer<typeof TestAlertResult>;
