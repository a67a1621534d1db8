import { findOperation } from "@causeflow/contracts/http";

/**
 * Checks a real response against the HTTP contract (packages/contracts/src/http, the source of
 * docs/openapi.json): its status must be documented for the operation, and its JSON body must
 * match that status's schema exactly (response schemas are strict: an undocumented field fails).
 */
export function conforms<R extends { status: number; body: unknown }>(operationId: string, res: R): R {
  const operation = findOperation(operationId);
  const response = operation.responses[res.status];
  if (!response) throw new Error(`${operationId} answered ${res.status}, which docs/openapi.json does not list`);
  if (response.schema) {
    const checked = response.schema.safeParse(res.body);
    if (!checked.success) {
      throw new Error(
        `${operationId} ${res.status} does not match its schema: ${JSON.stringify(checked.error.issues).slice(0, 1500)}`,
      );
    }
  }
  return res;
}
