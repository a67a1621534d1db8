import type { Channel, ChannelList, DeliveryList } from "@causeflow/contracts/http";
import { Badge, Box, Button, Card, Code, Flex, Heading, Select, Switch, Table, Text, TextField } from "@radix-ui/themes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, get } from "../api/client";
import { useSession } from "../api/session";
import { CopyButton } from "../components/copy-button";
import { ErrorCallout } from "../components/error-callout";
import { TimeAgo } from "../components/time-ago";

type ChannelType = "slack" | "webhook" | "email";

/** Notification channels: create, test, see what was delivered (contract §8). */
export function ChannelsPage() {
  const { session, can } = useSession();
  const client = useQueryClient();
  const base = `/v1/tenants/${session!.tenantId}/channels`;
  const channels = useQuery({ queryKey: ["channels"], queryFn: () => get<ChannelList>(base), enabled: can("admin") });
  const [type, setType] = useState<ChannelType>("slack");
  const [name, setName] = useState("");
  const [target, setTarget] = useState("");
  const [minSeverity, setMinSeverity] = useState("high");
  const create = useMutation({
    mutationFn: () => {
      const config =
        type === "slack"
          ? { webhookUrl: target }
          : type === "webhook"
            ? { url: target }
            : { to: target.split(/[\s,]+/).filter(Boolean) };
      return api<Channel & { signingSecret?: string }>("POST", base, { name, type, config, minSeverity });
    },
    onSuccess: () => {
      setName("");
      setTarget("");
      void client.invalidateQueries({ queryKey: ["channels"] });
    },
  });
  if (!can("admin"))
    return <Text color="gray">Notification channels need a key with the admin scope (or the operator token).</Text>;
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="6">
        Notifications
      </Heading>
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Flex gap="2" wrap="wrap" align="center">
            <Select.Root value={type} onValueChange={(v) => setType(v as ChannelType)}>
              <Select.Trigger aria-label="Channel type" />
              <Select.Content>
                <Select.Item value="slack">Slack</Select.Item>
                <Select.Item value="webhook">Signed webhook</Select.Item>
                <Select.Item value="email">Email</Select.Item>
              </Select.Content>
            </Select.Root>
            <TextField.Root
              aria-label="Channel name"
              placeholder="Name, e.g. #incidents"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
            <TextField.Root
              aria-label={type === "email" ? "Addresses" : "URL"}
              placeholder={
                type === "slack"
                  ? "https://hooks.slack.com/services/…"
                  : type === "webhook"
                    ? "https://hooks.example.com/causeflow"
                    : "oncall@example.com, …"
              }
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              required
              style={{ minWidth: 260 }}
            />
            <Select.Root value={minSeverity} onValueChange={setMinSeverity}>
              <Select.Trigger aria-label="Minimum severity" />
              <Select.Content>
                {["critical", "high", "medium", "low", "info"].map((s) => (
                  <Select.Item key={s} value={s}>
                    from {s}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
            <Button type="submit" loading={create.isPending}>
              Add channel
            </Button>
          </Flex>
        </form>
      </Card>
      <ErrorCallout error={create.error ?? channels.error} />
      {create.data?.signingSecret && (
        <Card data-testid="signing-secret">
          <Flex gap="2" align="center" wrap="wrap">
            <Text size="2" weight="bold">
              Signing secret (shown once):
            </Text>
            <Code>{create.data.signingSecret}</Code>
            <CopyButton value={create.data.signingSecret} label="Copy the signing secret" />
          </Flex>
        </Card>
      )}
      {channels.data?.items.length === 0 && <Text color="gray">No channel yet: add Slack, a signed webhook or email above.</Text>}
      {channels.data?.items.map((channel) => (
        <ChannelCard key={channel.channelId} channel={channel} base={base} />
      ))}
    </Flex>
  );
}

function ChannelCard({ channel, base }: { channel: Channel; base: string }) {
  const client = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const url = `${base}/${channel.channelId}`;
  const refresh = () => client.invalidateQueries({ queryKey: ["channels"] });
  const toggle = useMutation({ mutationFn: (enabled: boolean) => api("PATCH", url, { enabled }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api("DELETE", url), onSuccess: refresh });
  const test = useMutation({
    mutationFn: () => api<{ delivered: boolean; responseStatus: number | null; error: string | null }>("POST", `${url}/test`),
  });
  const log = useQuery({
    queryKey: ["channels", channel.channelId, "deliveries"],
    queryFn: () => get<DeliveryList>(`${url}/deliveries?limit=50`),
    enabled: showLog,
  });
  return (
    <Card>
      <Flex direction="column" gap="2">
        <Flex justify="between" wrap="wrap" gap="2" align="center">
          <Heading as="h2" size="3">
            {channel.name} <Badge>{channel.type}</Badge>
          </Heading>
          <Text as="label" size="2">
            <Flex gap="2" align="center">
              <Switch
                checked={channel.enabled}
                onCheckedChange={(on) => toggle.mutate(on)}
                aria-label={`${channel.name} enabled`}
              />
              {channel.enabled ? "Enabled" : "Disabled"}
            </Flex>
          </Text>
        </Flex>
        <Text size="2" color="gray" style={{ overflowWrap: "anywhere" }}>
          {channel.target} · from {channel.minSeverity} · {channel.events.join(", ")}
        </Text>
        <Flex gap="2" wrap="wrap">
          <Button size="1" onClick={() => test.mutate()} loading={test.isPending}>
            Send a test
          </Button>
          <Button size="1" variant="soft" onClick={() => setShowLog(!showLog)}>
            {showLog ? "Hide" : "Show"} delivery log
          </Button>
          <Button size="1" variant="soft" color="red" onClick={() => remove.mutate()}>
            Delete
          </Button>
        </Flex>
        {test.data && (
          <Text size="2" data-testid="channel-test-result">
            {test.data.delivered ? <Badge color="green">delivered</Badge> : <Badge color="red">not delivered</Badge>}{" "}
            {test.data.responseStatus ?? ""} {test.data.error ?? ""}
          </Text>
        )}
        <ErrorCallout error={test.error ?? toggle.error ?? remove.error ?? log.error} />
        {showLog && (
          <Box style={{ overflowX: "auto" }}>
            <Table.Root size="1">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>When</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Activity</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Attempts</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Answer</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {log.data?.items.map((d) => (
                  <Table.Row key={d.deliveryId}>
                    <Table.Cell>
                      <TimeAgo iso={d.createdAt} />
                    </Table.Cell>
                    <Table.Cell>{d.activityType}</Table.Cell>
                    <Table.Cell>
                      <Badge color={d.status === "delivered" ? "green" : d.status === "failed" ? "red" : "amber"}>
                        {d.status}
                      </Badge>
                    </Table.Cell>
                    <Table.Cell>{d.attempts}</Table.Cell>
                    <Table.Cell>{d.lastError ?? d.responseStatus ?? "—"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
        )}
      </Flex>
    </Card>
  );
}
