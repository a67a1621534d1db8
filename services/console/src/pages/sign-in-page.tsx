import { Box, Button, Card, Flex, Heading, Tabs, Text, TextField } from "@radix-ui/themes";
import { useState, type FormEvent } from "react";
import { useSession } from "../api/session";
import { ErrorCallout } from "../components/error-callout";

/** Sign in with a tenant API key (scope read; write and admin unlock actions) or the operator token. */
export function SignInPage() {
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (body: Parameters<typeof signIn>[0]) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(body);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const [apiKey, setApiKey] = useState("");
  const [adminToken, setAdminToken] = useState("");
  const [tenantId, setTenantId] = useState("");
  return (
    <Flex justify="center" align="center" style={{ minHeight: "100vh" }} p="4">
      <Card size="3" style={{ width: "100%", maxWidth: 440 }}>
        <Flex direction="column" gap="4">
          <Flex align="center" gap="2">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <Heading as="h1" size="6">
              CauseFlow
            </Heading>
          </Flex>
          <Text color="gray" size="2">
            Sign in to see, understand and act on incidents. The session is kept on the server; nothing secret is stored in this
            browser.
          </Text>
          <Tabs.Root defaultValue="key">
            <Tabs.List>
              <Tabs.Trigger value="key">API key</Tabs.Trigger>
              <Tabs.Trigger value="operator">Operator token</Tabs.Trigger>
            </Tabs.List>
            <Box pt="3">
              <Tabs.Content value="key">
                <form onSubmit={submit({ apiKey: apiKey.trim() })}>
                  <Flex direction="column" gap="3">
                    <label>
                      <Text size="2" weight="medium">
                        API key
                      </Text>
                      <TextField.Root
                        type="password"
                        autoComplete="off"
                        value={apiKey}
                        onChange={(e) => setApiKey(e.target.value)}
                        placeholder="cflo_…"
                        required
                      />
                    </label>
                    <Text size="1" color="gray">
                      `npm run send-test-alert` keeps a demo key in .causeflow/demo.json.
                    </Text>
                    <Button type="submit" loading={busy}>
                      Sign in
                    </Button>
                  </Flex>
                </form>
              </Tabs.Content>
              <Tabs.Content value="operator">
                <form onSubmit={submit({ adminToken: adminToken.trim(), tenantId: tenantId.trim() })}>
                  <Flex direction="column" gap="3">
                    <label>
                      <Text size="2" weight="medium">
                        Operator token (ADMIN_TOKEN)
                      </Text>
                      <TextField.Root
                        type="password"
                        autoComplete="off"
                        value={adminToken}
                        onChange={(e) => setAdminToken(e.target.value)}
                        required
                      />
                    </label>
                    <label>
                      <Text size="2" weight="medium">
                        Tenant id
                      </Text>
                      <TextField.Root
                        value={tenantId}
                        onChange={(e) => setTenantId(e.target.value)}
                        placeholder="ten_…"
                        required
                      />
                    </label>
                    <Button type="submit" loading={busy}>
                      Sign in as operator
                    </Button>
                  </Flex>
                </form>
              </Tabs.Content>
            </Box>
          </Tabs.Root>
          <ErrorCallout error={error} />
        </Flex>
      </Card>
    </Flex>
  );
}
