import type { Activity } from "@causeflow/contracts/http";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { throttledRefresh } from "./throttled-refresh";

/**
 * Keeps the console live (contract §7): one EventSource on /v1/activity/stream (the session cookie
 * authenticates it; the browser resumes with Last-Event-ID after a drop), and every entry
 * refreshes the queries it concerns, each at most about once a second (throttledRefresh).
 */
export function useLiveActivity(enabled: boolean): "connecting" | "live" | "offline" {
  const client = useQueryClient();
  const [state, setState] = useState<"connecting" | "live" | "offline">("connecting");
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/v1/activity/stream");
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    const refresh = throttledRefresh(client);
    const onEntry = (event: MessageEvent<string>) => {
      const entry = JSON.parse(event.data) as Activity;
      refresh(["incidents"]);
      if (entry.incidentId) refresh(["incident", entry.incidentId]);
      if (entry.type.startsWith("channel.")) refresh(["channels"]);
      if (entry.type.startsWith("silence.") || entry.type === "alert.silenced") refresh(["silences"]);
      if (entry.type.startsWith("api_key.")) refresh(["keys"]);
    };
    const types = [
      "incident.created",
      "incident.duplicate",
      "incident.status_changed",
      "incident.resolved",
      "incident.reopened",
      "incident.triaged",
      "incident.acknowledged",
      "incident.assigned",
      "investigation.started",
      "agent.finished",
      "agent.failed",
      "investigation.completed",
      "investigation.failed",
      "remediation.proposed",
      "remediation.approved",
      "remediation.rejected",
      "alert.silenced",
      "api_key.created",
      "api_key.revoked",
      "integration.updated",
      "channel.created",
      "channel.updated",
      "channel.deleted",
      "silence.created",
      "silence.expired",
    ];
    for (const type of types) source.addEventListener(type, onEntry as EventListener);
    return () => source.close();
  }, [enabled, client]);
  return state;
}
