import type { IncidentList, Integration } from "@causeflow/contracts/http";
import { Box, Button, Card, Code, Flex, Heading, Link as RLink, Select, Table, Text, TextField } from "@radix-ui/themes";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { get } from "../api/client";
import { useSession } from "../api/session";
import { ErrorCallout } from "../components/error-callout";
import { SeverityBadge, StatusBadge } from "../components/severity-badge";
import { TimeAgo } from "../components/time-ago";

const STATUSES = ["open", "triaging", "investigating", "awaiting_approval", "remediating", "resolved", "closed"];
const SEVERITIES = ["critical", "high", "medium", "low", "info"];
const SOURCES = [
  "datadog",
  "grafana",
  "alertmanager",
  "cloudwatch",
  "sentry",
  "pagerduty",
  "opsgenie",
  "newrelic",
  "azure",
  "gcp",
  "dynatrace",
  "custom",
  "manual",
];
const ANY = "any";

/** Incidents, newest first, filtered in the URL (shareable), refreshed live by the activity stream. */
export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const [cursor, setCursor] = useState<string | null>(null);
  const filters = Object.fromEntries(
    ["status", "severity", "source", "service", "environment", "q"].map((k) => [k, params.get(k) ?? ""]),
  );
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  query.set("limit", "50");
  if (cursor) query.set("cursor", cursor);
  const incidents = useQuery({
    queryKey: ["incidents", query.toString()],
    queryFn: () => get<IncidentList>(`/v1/incidents?${query}`),
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== ANY) next.set(key, value);
    else next.delete(key);
    setCursor(null);
    setParams(next, { replace: true });
  };
  const filtered = query.toString() !== "limit=50";
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="6">
        Incidents
      </Heading>
      <Flex gap="2" wrap="wrap" role="search" aria-label="Filter incidents">
        <TextField.Root
          aria-label="Search titles"
          placeholder="Search titles…"
          defaultValue={filters.q}
          onChange={(e) => set("q", e.target.value)}
          style={{ minWidth: 200 }}
        />
        <FilterSelect label="Status" value={filters.status!} options={STATUSES} onChange={(v) => set("status", v)} />
        <FilterSelect label="Severity" value={filters.severity!} options={SEVERITIES} onChange={(v) => set("severity", v)} />
        <FilterSelect label="Source" value={filters.source!} options={SOURCES} onChange={(v) => set("source", v)} />
        <TextField.Root
          aria-label="Service"
          placeholder="Service"
          defaultValue={filters.service}
          onChange={(e) => set("service", e.target.value)}
          style={{ width: 140 }}
        />
        <TextField.Root
          aria-label="Environment"
          placeholder="Environment"
          defaultValue={filters.environment}
          onChange={(e) => set("environment", e.target.value)}
          style={{ width: 140 }}
        />
      </Flex>
      <ErrorCallout error={incidents.error} />
      {incidents.data && incidents.data.items.length === 0 && !cursor ? (
        filtered ? (
          <Text color="gray">No incident matches these filters.</Text>
        ) : (
          <FirstAlert />
        )
      ) : (
        <Box style={{ overflowX: "auto" }}>
          <Table.Root variant="surface" size="1">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Severity</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Title</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Service</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Env</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Source</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Dup.</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Opened</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {incidents.data?.items.map((incident) => (
                <Table.Row key={incident.incidentId} data-testid="incident-row">
                  <Table.Cell>
                    <SeverityBadge severity={incident.severity} />
                  </Table.Cell>
                  <Table.RowHeaderCell style={{ minWidth: 220 }}>
                    <RLink asChild weight="medium">
                      <Link to={`/incidents/${incident.incidentId}`}>{incident.title}</Link>
                    </RLink>
                  </Table.RowHeaderCell>
                  <Table.Cell>
                    <StatusBadge status={incident.status} />
                  </Table.Cell>
                  <Table.Cell>{incident.service ?? "—"}</Table.Cell>
                  <Table.Cell>{incident.environment ?? "—"}</Table.Cell>
                  <Table.Cell>{incident.source}</Table.Cell>
                  <Table.Cell>{incident.duplicateCount}</Table.Cell>
                  <Table.Cell style={{ whiteSpace: "nowrap" }}>
                    <TimeAgo iso={incident.createdAt} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Box>
      )}
      <Flex gap="2">
        {cursor && (
          <Button variant="soft" onClick={() => setCursor(null)}>
            Newest
          </Button>
        )}
        {incidents.data?.nextCursor && (
          <Button variant="soft" onClick={() => setCursor(incidents.data!.nextCursor)}>
            Older
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

function FilterSelect(props: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <Select.Root value={props.value || ANY} onValueChange={props.onChange}>
      <Select.Trigger aria-label={props.label} placeholder={props.label} />
      <Select.Content>
        <Select.Item value={ANY}>{props.label}: any</Select.Item>
        {props.options.map((option) => (
          <Select.Item key={option} value={option}>
            {option.replace("_", " ")}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  );
}

/** The empty state: how a newcomer sends a first alert. */
function FirstAlert() {
  const { session, can } = useSession();
  const integrations = useQuery({
    queryKey: ["integrations"],
    queryFn: () => get<{ items: Integration[] }>(`/v1/tenants/${session!.tenantId}/integrations`),
    enabled: can("admin"),
  });
  const url =
    integrations.data?.items.find((i) => i.provider === "custom")?.webhookUrl ??
    `${location.origin}/v1/webhooks/${session?.tenantId}/custom`;
  return (
    <Card size="3">
      <Flex direction="column" gap="3">
        <Heading as="h2" size="4">
          No incident yet
        </Heading>
        <Text>Send a first alert and watch it arrive here, get triaged and investigated:</Text>
        <Code size="2" style={{ whiteSpace: "pre-wrap", display: "block", padding: 12 }}>
          npm run send-test-alert
        </Code>
        <Text size="2" color="gray">
          Or point a monitoring tool at your tenant's webhook URL (see Integrations), for example <Code>{url}</Code>.
        </Text>
        <Text size="2">
          <RLink asChild>
            <Link to="/integrations">Set up an integration →</Link>
          </RLink>
        </Text>
      </Flex>
    </Card>
  );
}
