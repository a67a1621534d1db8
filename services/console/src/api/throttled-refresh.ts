import type { QueryClient, QueryKey } from "@tanstack/react-query";

/** The least time between two refreshes of one query: a storm's entries (hundreds a second) refresh a page about once a second. */
export const REFRESH_GAP_MS = 1000;

/**
 * Refreshes (invalidates) queries for the activity stream, one refresh of a query at a time: the
 * first entry after a quiet spell refreshes at once; entries that arrive while that refresh runs,
 * or within REFRESH_GAP_MS after it, make one more refresh when the gap ends, and so on until they
 * stop, so the last entry is always followed by a refresh. Invalidating on every entry restarted
 * the page's fetch each time (TanStack Query cancels a fetch in flight to refetch): 121 alerts in
 * 3 s made 242 requests for the incident list, and every open console does as much in a storm.
 */
export function throttledRefresh(client: QueryClient, gapMs = REFRESH_GAP_MS): (queryKey: QueryKey) => void {
  const pending = new Map<string, { again: boolean }>();
  const run = async (id: string, queryKey: QueryKey, state: { again: boolean }) => {
    do {
      state.again = false;
      await client.invalidateQueries({ queryKey }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    } while (state.again);
    pending.delete(id);
  };
  return (queryKey) => {
    const id = JSON.stringify(queryKey);
    const state = pending.get(id);
    if (state) {
      state.again = true;
      return;
    }
    const fresh = { again: false };
    pending.set(id, fresh);
    void run(id, queryKey, fresh);
  };
}
