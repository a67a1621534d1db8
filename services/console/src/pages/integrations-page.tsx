import type { Integration, TestAlertResult } from "@causeflow/contracts/http";
import { Badge, Box, Button, Card, Code, Flex, Heading, Switch, Text, TextField } from "@radix-ui/themes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, get } from "../api/client";
import { useSession } from "../api/session";
import { CopyButton } from "../components/copy-button";
import { ErrorCallout } from "../components/error-callout";
import { PROVIDER_SETUP } from "./provider-setup";

/** Every provider: its webhook URL to copy, how to set it up, on/off, signature settings, a test alert. */
export function IntegrationsPage() {
  const { session, can } = useSession();
  const client = useQueryClient();
  const base = `/v1/tenants/${session!.tenantId}/integrations`;
  const integrations = useQuery({
    queryKey: ["integrations"],
    queryFn: () => get<{ items: Integration[] }>(base),
    enabled: can("admin"),
  });
  const update = useMutation({
    mutationFn: ({ provider, body }: { provider: string; body: object }) => api<Integration>("PUT", `${base}/${provider}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["integrations"] }),
  });
  if (!can("admin")) {
    return <Text color="gray">Integrations need a key with the admin scope (or the operator token).</Text>;
  }
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="6">
        Integrations
      </Heading>
      <ErrorCallout error={integrations.error ?? update.error} />
      {integrations.data?.items.map((integration) => (
        <IntegrationCard
          key={integration.provider}
          integration={integration}
          onChange={(body) => update.mutate({ provider: integration.provider, body })}
        />
      ))}
    </Flex>
  );
}

function IntegrationCard({ integration, onChange }: { integration: Integration; onChange: (body: object) => void }) {
  const { session, can } = useSession();
  const [secret, setSecret] = useState("");
  const test = useMutation({
    mutationFn: () => api<TestAlertResult>("POST", `/v1/tenants/${session!.tenantId}/integrations/${integration.provider}/test`),
  });
  return (
    <Card data-testid={`integration-${integration.provider}`}>
      <Flex direction="column" gap="2">
        <Flex justify="between" align="center" wrap="wrap" gap="2">
          <Heading as="h2" size="4">
            {integration.provider}
          </Heading>
          <Text as="label" size="2">
            <Flex gap="2" align="center">
              <Switch
                checked={integration.enabled}
                onCheckedChange={(enabled) => onChange({ enabled })}
                aria-label={`${integration.provider} enabled`}
              />
              {integration.enabled ? "Enabled" : "Disabled"}
            </Flex>
          </Text>
        </Flex>
        <Flex gap="2" align="center" style={{ minWidth: 0 }}>
          <Code size="2" style={{ overflowWrap: "anywhere" }} data-testid="webhook-url">
            {integration.webhookUrl}
          </Code>
          <CopyButton value={integration.webhookUrl} label={`Copy the ${integration.provider} webhook URL`} />
        </Flex>
        <Text size="2" color="gray">
          {PROVIDER_SETUP[integration.provider]}
        </Text>
        <Flex gap="3" wrap="wrap" align="center">
          <Text as="label" size="2">
            <Flex gap="2" align="center">
              <Switch
                size="1"
                checked={integration.requireSignature}
                onCheckedChange={(requireSignature) => onChange({ requireSignature })}
              />
              Require CauseFlow signature
            </Flex>
          </Text>
          {integration.provider === "grafana" && (
            <Text as="label" size="2">
              <Flex gap="2" align="center">
                <Switch
                  size="1"
                  checked={integration.requireSignatureTimestamp}
                  onCheckedChange={(requireSignatureTimestamp) => onChange({ requireSignatureTimestamp })}
                />
                Require signed timestamp
              </Flex>
            </Text>
          )}
          <Badge color={integration.hasSigningSecret ? "green" : "gray"}>
            {integration.hasSigningSecret ? "signing secret set" : "no signing secret"}
          </Badge>
          <Badge color="gray">duplicates → {integration.duplicateStatus}</Badge>
        </Flex>
        <Flex gap="2" wrap="wrap">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (secret.length >= 8) onChange({ signingSecrets: [secret] });
              setSecret("");
            }}
          >
            <Flex gap="2">
              <TextField.Root
                type="password"
                size="1"
                placeholder="New signing secret"
                aria-label={`${integration.provider} signing secret`}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
              <Button size="1" variant="soft" type="submit" disabled={secret.length < 8}>
                Save secret
              </Button>
            </Flex>
          </form>
          {integration.provider !== "github" && can("write") && (
            <Button size="1" onClick={() => test.mutate()} loading={test.isPending}>
              Send a test alert
            </Button>
          )}
        </Flex>
        <ErrorCallout error={test.error} />
        {test.data && (
          <Box data-testid="test-verdict">
            <Text size="2">
              Verdict:{" "}
              <Badge color={test.data.status < 300 ? "green" : test.data.status === 409 ? "amber" : "red"}>
                HTTP {test.data.status}
              </Badge>{" "}
              {String(test.data.body.outcome ?? test.data.body.error ?? test.data.body.status ?? "")}
            </Text>
            <Code size="1" style={{ display: "block", whiteSpace: "pre-wrap", marginTop: 4 }}>
              {JSON.stringify(test.data.body, null, 2)}
            </Code>
          </Box>
        )}
      </Flex>
    </Card>
  );
}
