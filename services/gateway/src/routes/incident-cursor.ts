import { HttpError } from "../http/http-error";

/** Position after the last incident of a page: its createdAt and id (ties broken by id). */
export interface IncidentCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: IncidentCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(text: string): IncidentCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new HttpError(400, "invalid_request", "cursor is not valid; pass nextCursor from a previous page");
  }
}
