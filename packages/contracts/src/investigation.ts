import { z } from "zod";
import { AgentName } from "./agents";

export const InvestigationStatus = z.enum(["running", "completed", "failed"]);
export type InvestigationStatus = z.infer<typeof InvestigationStatus>;

export const RemediationStatus = z.enum(["proposed", "approved", "rejected"]);
export type RemediationStatus = z.infer<typeof RemediationStatus>;

/** The likely cause an investigation names from its evidence. */
export const RootCause = z.object({ summary: z.string(), confidence: z.number().min(0).max(1) });
export type RootCause = z.infer<typeof RootCause>;

/** A fix an agent proposes; it waits for a person's approval. */
export const RemediationProposal = z.object({ title: z.string().min(1), steps: z.array(z.string()) });
export type RemediationProposal = z.infer<typeof RemediationProposal>;

/** Why an investigation started. */
export const InvestigationTrigger = z.enum(["triage", "requested"]);
export type InvestigationTrigger = z.infer<typeof InvestigationTrigger>;

/** An agent of an investigation that produced no evidence, and why. */
export const AgentFailure = z.object({ agent: AgentName, reason: z.string() });
export type AgentFailure = z.infer<typeof AgentFailure>;
