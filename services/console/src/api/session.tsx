import type { SessionInfo, SignInBody } from "@causeflow/contracts/http";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { api, ApiError, setCsrfToken } from "./client";

interface SessionState {
  session: SessionInfo | null;
  loading: boolean;
  signIn(body: SignInBody): Promise<void>;
  signOut(): Promise<void>;
  /** What the signed-in key may do: buttons it cannot use are not shown. */
  can(scope: "read" | "write" | "admin"): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["session"],
    queryFn: async () => {
      try {
        const session = await api<SessionInfo | Record<string, never>>("GET", "/v1/session");
        if (!("tenantId" in session)) return null;
        setCsrfToken(session.csrfToken);
        return session as SessionInfo;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const session = query.data ?? null;
  const state: SessionState = {
    session,
    loading: query.isLoading,
    async signIn(body) {
      const signedIn = await api<SessionInfo>("POST", "/v1/session", body);
      setCsrfToken(signedIn.csrfToken);
      // Another principal: drop what the previous one loaded (the session query stays observed).
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "session" });
      client.setQueryData(["session"], signedIn);
    },
    async signOut() {
      await api("DELETE", "/v1/session");
      setCsrfToken(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "session" });
      client.setQueryData(["session"], null);
    },
    can: (scope) => !!session?.scopes.includes(scope),
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
