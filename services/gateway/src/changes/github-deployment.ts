import { formatPath } from "@causeflow/providers";
import { z } from "zod";
import { HttpError } from "../http/http-error";
import type { ChangeInput } from "@causeflow/contracts/http";

const DeploymentStatusEvent = z
  .object({
    deployment_status: z
      .object({
        id: z.union([z.number(), z.string()]).optional(),
        state: z.string(),
        environment: z.string().optional(),
        target_url: z.string().nullable().optional(),
        log_url: z.string().nullable().optional(),
        description: z.string().nullable().optional(),
        created_at: z.string(),
      })
      .loose(),
    deployment: z
      .object({
        sha: z.string(),
        ref: z.string(),
        environment: z.string(),
        description: z.string().nullable().optional(),
        payload: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
      })
      .loose(),
    repository: z.object({ name: z.string(), html_url: z.string() }).loose(),
  })
  .loose();

/**
 * A GitHub `deployment_status` event as a change: only successful deployments are changes. The
 * service is `deployment.payload.service` when set, else the repository name; the version is the
 * ref when it looks like a version (v1.2.3), else `<ref>@<short sha>`.
 */
export function changeFromDeploymentStatus(body: unknown): (ChangeInput & { externalId?: string }) | { ignored: string } {
  const result = DeploymentStatusEvent.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    throw new HttpError(422, "invalid_payload", "payload is not a GitHub deployment_status event", { issues });
  }
  const { deployment_status: status, deployment, repository } = result.data;
  if (status.state !== "success") return { ignored: `deployment_${status.state}` };
  const payloadService = typeof deployment.payload === "object" ? deployment.payload.service : undefined;
  const version = /^v?\d/.test(deployment.ref) ? deployment.ref : `${deployment.ref}@${deployment.sha.slice(0, 7)}`;
  return {
    externalId: status.id !== undefined ? `github:deployment_status:${status.id}` : undefined,
    service: typeof payloadService === "string" && payloadService ? payloadService : repository.name,
    environment: status.environment ?? deployment.environment,
    version,
    description: deployment.description ?? status.description ?? undefined,
    // GitHub's own examples carry target_url: "" — an empty URL falls back like a missing one.
    url: status.target_url || status.log_url || `${repository.html_url}/commit/${deployment.sha}`,
    occurredAt: new Date(status.created_at).toISOString(),
  };
}
