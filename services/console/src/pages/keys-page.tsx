import type { ApiKey, CreatedApiKey } from "@causeflow/contracts/http";
import { Badge, Box, Button, Callout, Checkbox, Code, Flex, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, get } from "../api/client";
import { useSession } from "../api/session";
import { CopyButton } from "../components/copy-button";
import { ErrorCallout } from "../components/error-callout";
import { TimeAgo } from "../components/time-ago";

const SCOPES = ["ingest", "read", "write", "admin"] as const;

/** API keys: create (the key and its webhook secret shown once, to copy) and revoke. */
export function KeysPage() {
  const { session, can } = useSession();
  const client = useQueryClient();
  const base = `/v1/tenants/${session!.tenantId}/api-keys`;
  const keys = useQuery({ queryKey: ["keys"], queryFn: () => get<{ items: ApiKey[] }>(base), enabled: can("admin") });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["ingest"]);
  const create = useMutation({
    mutationFn: () => api<CreatedApiKey>("POST", base, { name, scopes }),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: ["keys"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => api("DELETE", `${base}/${keyId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["keys"] }),
  });
  if (!can("admin")) return <Text color="gray">API keys need a key with the admin scope (or the operator token).</Text>;
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="6">
        API keys
      </Heading>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Flex gap="3" wrap="wrap" align="center">
          <TextField.Root
            aria-label="Key name"
            placeholder="Name, e.g. Datadog webhook"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
          {SCOPES.map((scope) => (
            <Text as="label" size="2" key={scope}>
              <Flex gap="1" align="center">
                <Checkbox
                  checked={scopes.includes(scope)}
                  onCheckedChange={(on) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                />
                {scope}
              </Flex>
            </Text>
          ))}
          <Button type="submit" disabled={!name.trim() || scopes.length === 0} loading={create.isPending}>
            Create key
          </Button>
        </Flex>
      </form>
      <ErrorCallout error={create.error ?? revoke.error ?? keys.error} />
      {create.data && (
        <Callout.Root color="amber" data-testid="created-key">
          <Callout.Text>Copy them now: the key and its webhook secret are not shown again.</Callout.Text>
          <Flex direction="column" gap="2">
            {(
              [
                ["API key", create.data.apiKey],
                ["Webhook secret", create.data.webhookSecret],
              ] as const
            ).map(([label, value]) => (
              <Flex key={label} gap="2" align="center" wrap="wrap">
                <Text size="2" weight="bold" style={{ minWidth: 110 }}>
                  {label}
                </Text>
                <Code
                  size="2"
                  style={{ overflowWrap: "anywhere" }}
                  data-testid={label === "API key" ? "new-api-key" : "new-webhook-secret"}
                >
                  {value}
                </Code>
                <CopyButton value={value} label={`Copy the ${label.toLowerCase()}`} />
              </Flex>
            ))}
          </Flex>
        </Callout.Root>
      )}
      <Box style={{ overflowX: "auto" }}>
        <Table.Root variant="surface" size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Prefix</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Scopes</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Last used</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {keys.data?.items.map((key) => (
              <Table.Row key={key.keyId} data-testid="key-row">
                <Table.RowHeaderCell>{key.name}</Table.RowHeaderCell>
                <Table.Cell>
                  <Code>{key.prefix}…</Code>
                </Table.Cell>
                <Table.Cell>{key.scopes.join(", ")}</Table.Cell>
                <Table.Cell>
                  <Badge color={key.status === "active" ? "green" : "gray"}>{key.status}</Badge>
                </Table.Cell>
                <Table.Cell>
                  <TimeAgo iso={key.lastUsedAt} />
                </Table.Cell>
                <Table.Cell>
                  {key.status === "active" && key.keyId !== session?.keyId && (
                    <Button
                      size="1"
                      color="red"
                      variant="soft"
                      onClick={() => revoke.mutate(key.keyId)}
                      aria-label={`Revoke ${key.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Box>
    </Flex>
  );
}
