import type { AlertResult, PayloadRejection, Verdict } from "@causeflow/contracts";

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The HTTP answer for a normalizer verdict (contract §1, §9); `duplicateStatus` is the integration's. */
export function verdictResponse(verdict: Verdict, duplicateStatus: 200 | 409 = 409): HttpAnswer {
  const { eventId, outcome, results } = verdict;
  const grouped =
    results.length > 1
      ? { results: results.map(({ sourceAlertId, outcome: o, incidentId }) => ({ sourceAlertId, outcome: o, incidentId })) }
      : {};
  const first = (wanted: AlertResult["outcome"]) => results.find((r) => r.outcome === wanted);
  switch (outcome) {
    case "created": {
      const r = first("created")!;
      return {
        status: 201,
        body: { eventId, outcome, incidentId: r.incidentId, title: r.title, severity: r.severity, status: r.status, ...grouped },
      };
    }
    case "duplicate": {
      const r = first("duplicate")!;
      if (duplicateStatus === 200) {
        const { incidentId, title, severity, status } = r;
        return { status: 200, body: { eventId, outcome, incidentId, title, severity, status, ...grouped } };
      }
      const message = `an open incident already exists for alert ${r.sourceAlertId}`;
      return { status: 409, body: { error: "alert_already_exists", message, eventId, incidentId: r.incidentId, ...grouped } };
    }
    case "resolved": {
      const r = first("resolved")!;
      return { status: 200, body: { eventId, outcome, incidentId: r.incidentId, status: "resolved", ...grouped } };
    }
    case "reopened": {
      const r = first("reopened")!;
      return { status: 200, body: { eventId, outcome, incidentId: r.incidentId, status: r.status, ...grouped } };
    }
    case "silenced": {
      const r = first("silenced")!;
      return { status: 200, body: { eventId, outcome, silenceId: r.silenceId, ...grouped } };
    }
    case "ignored":
      return { status: 200, body: { eventId, outcome, reason: verdict.reason ?? "nothing_to_do", ...grouped } };
  }
}

export function rejectionResponse(eventId: string, rejection: PayloadRejection): HttpAnswer {
  return { status: 422, body: { error: rejection.error, message: rejection.message, eventId, issues: rejection.issues } };
}

export function queuedResponse(eventId: string): HttpAnswer {
  return { status: 202, body: { eventId, status: "queued" } };
}
