import type { IncidentStatus } from "@causeflow/contracts";

/** How the HTTP edge answers a domain error: 404, 409 or 422 (style rule 9). */
export type DomainErrorKind = "not_found" | "conflict" | "invalid";

/** An error of the domain: a stable code for the API and a sentence for people. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super("not_found", "not_found", `no such ${what}`);
  }
}

export class IncidentNotFound extends NotFound {
  constructor() {
    super("incident");
  }
}

export class InvalidTransition extends DomainError {
  constructor(from: IncidentStatus, to: IncidentStatus) {
    super("conflict", "invalid_transition", `cannot move an incident from ${from} to ${to}`, { from, to });
  }
}

export class InvestigationRunning extends DomainError {
  constructor() {
    super("conflict", "investigation_running", "an investigation of this incident is already running");
  }
}

export class NotInvestigable extends DomainError {
  constructor(reason: string) {
    super("conflict", "not_investigable", reason);
  }
}

export class NoProposal extends DomainError {
  constructor() {
    super("conflict", "no_proposal", "this incident has no remediation awaiting approval");
  }
}

export class AlreadyRevoked extends DomainError {
  constructor() {
    super("conflict", "already_revoked", "this API key is already revoked");
  }
}
