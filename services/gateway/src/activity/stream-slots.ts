import { rateLimited } from "../http/http-error";

/**
 * How many activity streams each tenant holds open on this gateway, up to a cap. Every open stream
 * costs a connection, and a read of the database on each of its tenant's changes: without a cap,
 * one tenant's key opening thousands would load the database every tenant shares.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perTenant: number) {}

  /** Takes a slot for the tenant's new stream, or throws 429; returns what frees it (once, however often called). */
  take(tenantId: string): () => void {
    const held = this.open.get(tenantId) ?? 0;
    if (held >= this.perTenant) {
      throw rateLimited(`this tenant already has ${this.perTenant} activity streams open on this gateway; close one first`, {
        "Retry-After": "30",
      });
    }
    this.open.set(tenantId, held + 1);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const left = (this.open.get(tenantId) ?? 1) - 1;
      if (left > 0) this.open.set(tenantId, left);
      else this.open.delete(tenantId);
    };
  }
}
