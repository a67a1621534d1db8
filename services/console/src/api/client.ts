/** An error answer of the API: the contract's `{error, message}` body and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token, echoed on every change (the session cookie itself is HttpOnly). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls the API with the session cookie; JSON in and out; error bodies become ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok && !(res.status === 409 && path.includes("/webhooks/"))) {
    throw new ApiError(res.status, String(parsed.error ?? "error"), String(parsed.message ?? res.statusText), parsed);
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
