/** Redis key of the deduplication fast path for one alert key (normalizer sets it, anyone may clear it). */
export function dedupKey(prefix: string, tenantId: string, provider: string, sourceAlertId: string): string {
  return `${prefix}:dedup:${tenantId}:${provider}:${sourceAlertId}`;
}

/** Pub/sub channel on which every committed activity is announced to every gateway (contract §7). */
export function activityChannel(prefix: string): string {
  return `${prefix}:activity`;
}

/** Pub/sub channel of one gateway instance: the normalizer publishes there the verdicts that gateway waits for. */
export function verdictChannel(prefix: string, gatewayId: string): string {
  return `${prefix}:verdicts:${gatewayId}`;
}
