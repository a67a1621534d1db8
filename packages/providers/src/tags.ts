/**
 * `key:value` tags (a comma-separated string or an array) as a flat map. Each tag splits on its
 * first `:`; a bare tag maps to "". Spaces around tags are trimmed; empty tags are skipped.
 */
export function parseKeyValueTags(input: unknown): Record<string, string> {
  const list = typeof input === "string" ? input.split(",") : Array.isArray(input) ? input : [];
  const tags: Record<string, string> = {};
  for (const item of list) {
    if (typeof item !== "string" && typeof item !== "number") continue;
    const tag = String(item).trim();
    if (!tag) continue;
    const colon = tag.indexOf(":");
    if (colon === -1) tags[tag] = "";
    else tags[tag.slice(0, colon).trim()] = tag.slice(colon + 1).trim();
  }
  return tags;
}

/** A map whose values may be numbers or booleans, as strings. */
export function stringifyValues(input: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(input ?? {}).map(([k, v]) => [k, String(v)]));
}
