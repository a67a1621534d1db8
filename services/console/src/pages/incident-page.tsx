import type { IncidentDetail } from "@causeflow/contracts/http";
import {
  Badge,
  Box,
  Button,
  Card,
  Code,
  DataList,
  Flex,
  Grid,
  Heading,
  Progress,
  Table,
  Text,
  TextField,
} from "@radix-ui/themes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, get } from "../api/client";
import { useSession } from "../api/session";
import { ErrorCallout } from "../components/error-callout";
import { SeverityBadge, StatusBadge } from "../components/severity-badge";
import { formatAbsolute, TimeAgo } from "../components/time-ago";

function actorLabel(actor: { kind: string; id: string | null }): string {
  if (actor.kind === "key") return `key ${actor.id}`;
  if (actor.kind === "provider") return `${actor.id} (provider)`;
  return actor.kind;
}

/** One incident: its facts, what the agents found, the proposed fix, every change with who made it. */
export function IncidentPage() {
  const { incidentId = "" } = useParams();
  const { can } = useSession();
  const client = useQueryClient();
  const incident = useQuery({
    queryKey: ["incident", incidentId],
    queryFn: () => get<IncidentDetail>(`/v1/incidents/${incidentId}`),
  });
  const act = useMutation({
    mutationFn: ({ method, path, body }: { method: string; path: string; body?: unknown }) => api(method, path, body),
    onSettled: () => client.invalidateQueries({ queryKey: ["incident", incidentId] }),
  });
  const [assignee, setAssignee] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const i = incident.data;
  if (incident.error) return <ErrorCallout error={incident.error} />;
  if (!i) return <Text color="gray">Loading…</Text>;
  const remediation = i.investigation?.remediation;
  const closed = i.status === "resolved" || i.status === "closed";
  const base = `/v1/incidents/${i.incidentId}`;
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <Link to="/">← Incidents</Link>
      </Text>
      <Flex gap="3" align="center" wrap="wrap">
        <SeverityBadge severity={i.severity} />
        <StatusBadge status={i.status} />
        <Heading as="h1" size="6" style={{ wordBreak: "break-word" }}>
          {i.title}
        </Heading>
      </Flex>
      {can("write") && (
        <Flex gap="2" wrap="wrap" align="center">
          {!i.acknowledgedAt && (
            <Button variant="soft" onClick={() => act.mutate({ method: "POST", path: `${base}/acknowledge` })}>
              Acknowledge
            </Button>
          )}
          {!closed && (
            <Button
              variant="soft"
              color="green"
              onClick={() => act.mutate({ method: "PATCH", path: base, body: { status: "resolved" } })}
            >
              Resolve
            </Button>
          )}
          {!closed && i.severity !== "info" && i.investigation?.status !== "running" && (
            <Button variant="soft" color="violet" onClick={() => act.mutate({ method: "POST", path: `${base}/investigate` })}>
              Investigate
            </Button>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate({ method: "PATCH", path: base, body: { assignee: (assignee ?? i.assignee ?? "").trim() || null } });
            }}
          >
            <Flex gap="2">
              <TextField.Root
                aria-label="Assignee"
                placeholder="Assign to (e.g. an email)"
                value={assignee ?? i.assignee ?? ""}
                onChange={(e) => setAssignee(e.target.value)}
              />
              <Button type="submit" variant="soft">
                Assign
              </Button>
            </Flex>
          </form>
        </Flex>
      )}
      <ErrorCallout error={act.error} />
      <Grid columns={{ initial: "1", md: "2" }} gap="4">
        <Card>
          <DataList.Root size="2">
            {[
              ["Service", i.service ?? "—"],
              ["Environment", i.environment ?? "—"],
              ["Source", `${i.source} · ${i.sourceAlertId}`],
              ["Duplicates", String(i.duplicateCount)],
              ["Reopened", String(i.reopenCount)],
              ["Assignee", i.assignee ?? "—"],
              [
                "Acknowledged",
                i.acknowledgedAt ? `${formatAbsolute(i.acknowledgedAt)} by ${actorLabel(i.acknowledgedBy!)}` : "—",
              ],
            ].map(([label, value]) => (
              <DataList.Item key={label}>
                <DataList.Label>{label}</DataList.Label>
                <DataList.Value>{value}</DataList.Value>
              </DataList.Item>
            ))}
            <DataList.Item>
              <DataList.Label>Occurred</DataList.Label>
              <DataList.Value>
                <TimeAgo iso={i.occurredAt} />
              </DataList.Value>
            </DataList.Item>
            <DataList.Item>
              <DataList.Label>Last seen</DataList.Label>
              <DataList.Value>
                <TimeAgo iso={i.lastSeenAt} />
              </DataList.Value>
            </DataList.Item>
            {i.url && (
              <DataList.Item>
                <DataList.Label>Link</DataList.Label>
                <DataList.Value>
                  <a href={i.url} target="_blank" rel="noreferrer noopener">
                    {i.url}
                  </a>
                </DataList.Value>
              </DataList.Item>
            )}
          </DataList.Root>
          {i.description && (
            <Text as="p" size="2" mt="3" style={{ whiteSpace: "pre-wrap" }}>
              {i.description}
            </Text>
          )}
        </Card>
        <Card>
          <Heading as="h2" size="3" mb="2">
            Investigation
          </Heading>
          {!i.investigation ? (
            <Text color="gray" size="2">
              {i.severity === "info" ? "Info incidents are never investigated." : "Not investigated yet."}
            </Text>
          ) : (
            <Flex direction="column" gap="3">
              <Text size="2">
                <Badge
                  color={
                    i.investigation.status === "completed" ? "green" : i.investigation.status === "failed" ? "red" : "violet"
                  }
                >
                  {i.investigation.status}
                </Badge>{" "}
                started <TimeAgo iso={i.investigation.startedAt} />
              </Text>
              <Box>
                <Text weight="bold" size="2">
                  Root cause
                </Text>
                {i.investigation.rootCause ? (
                  <Flex direction="column" gap="1">
                    <Text size="2">{i.investigation.rootCause.summary}</Text>
                    <Confidence value={i.investigation.rootCause.confidence} />
                  </Flex>
                ) : (
                  <Text as="p" size="2" color="gray">
                    {i.investigation.status === "running" ? "The agents are still looking." : "No evidence implicates a cause."}
                  </Text>
                )}
              </Box>
              {remediation && (
                <Card variant="surface" data-testid="remediation">
                  <Flex direction="column" gap="2">
                    <Text weight="bold" size="2">
                      Proposed fix{" "}
                      <Badge
                        color={remediation.status === "proposed" ? "amber" : remediation.status === "approved" ? "green" : "gray"}
                      >
                        {remediation.status}
                      </Badge>
                    </Text>
                    <Text size="2">{remediation.title}</Text>
                    <ol style={{ margin: 0, paddingLeft: 20 }}>
                      {remediation.steps.map((step) => (
                        <li key={step}>
                          <Text size="2">{step}</Text>
                        </li>
                      ))}
                    </ol>
                    {remediation.decidedBy && (
                      <Text size="1" color="gray">
                        {remediation.status} by {actorLabel(remediation.decidedBy)}{" "}
                        {remediation.reason ? `— ${remediation.reason}` : ""}
                      </Text>
                    )}
                    {remediation.status === "proposed" && can("write") && (
                      <Flex gap="2" wrap="wrap">
                        <Button color="green" onClick={() => act.mutate({ method: "POST", path: `${base}/remediation/approve` })}>
                          Approve
                        </Button>
                        <TextField.Root
                          aria-label="Reason for rejecting"
                          placeholder="Reason (optional)"
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                        />
                        <Button
                          color="red"
                          variant="soft"
                          onClick={() =>
                            act.mutate({ method: "POST", path: `${base}/remediation/reject`, body: reason ? { reason } : {} })
                          }
                        >
                          Reject
                        </Button>
                      </Flex>
                    )}
                  </Flex>
                </Card>
              )}
            </Flex>
          )}
        </Card>
      </Grid>
      {i.investigation && i.investigation.evidence.length > 0 && (
        <Card>
          <Heading as="h2" size="3" mb="2">
            Evidence
          </Heading>
          <Box style={{ overflowX: "auto" }}>
            <Table.Root size="1">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>Agent</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Finding</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Confidence</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {i.investigation.evidence.map((e, n) => (
                  <Table.Row key={`${e.agent}-${n}`}>
                    <Table.Cell style={{ whiteSpace: "nowrap" }}>{e.agent.replace("_", " ")}</Table.Cell>
                    <Table.Cell>
                      <Text size="2">{e.summary}</Text>
                      <Text size="1" color="gray" as="div">
                        {e.kind}
                      </Text>
                    </Table.Cell>
                    <Table.Cell style={{ minWidth: 120 }}>
                      <Confidence value={e.confidence} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
        </Card>
      )}
      <Card>
        <Heading as="h2" size="3" mb="2">
          Timeline
        </Heading>
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Timeline">
          {i.timeline.map((t) => (
            <li key={t.activityId} style={{ padding: "6px 0", borderBottom: "1px solid var(--gray-4)" }}>
              <Flex gap="3" wrap="wrap" align="baseline">
                <Text size="1" color="gray" style={{ minWidth: 110 }}>
                  <TimeAgo iso={t.createdAt} />
                </Text>
                <Badge variant="surface" color="gray">
                  {t.kind.replace(/_/g, " ")}
                </Badge>
                <Text size="2" style={{ flex: 1, minWidth: 200 }}>
                  {t.message}
                </Text>
                <Text size="1" color="gray">
                  by {actorLabel(t.actor)}
                </Text>
              </Flex>
            </li>
          ))}
        </ol>
      </Card>
      <Card>
        <Heading as="h2" size="3" mb="2">
          Alerts delivered ({i.alerts.length})
        </Heading>
        <Flex direction="column" gap="2">
          {i.alerts.map((a) => (
            <details key={a.eventId + a.sourceAlertId + a.outcome}>
              <summary>
                <Text size="2">
                  {a.outcome} · {a.provider} · <TimeAgo iso={a.receivedAt} /> · {a.eventId}
                </Text>
              </summary>
              <Code
                size="1"
                style={{
                  display: "block",
                  whiteSpace: "pre-wrap",
                  wordBreak: "break-all",
                  padding: 8,
                  maxHeight: 300,
                  overflow: "auto",
                }}
              >
                {a.rawBody || "(raw body purged by retention)"}
              </Code>
            </details>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}

function Confidence({ value }: { value: number }) {
  return (
    <Flex align="center" gap="2">
      <Progress value={Math.round(value * 100)} aria-label={`confidence ${Math.round(value * 100)}%`} style={{ width: 80 }} />
      <Text size="1">{Math.round(value * 100)}%</Text>
    </Flex>
  );
}
