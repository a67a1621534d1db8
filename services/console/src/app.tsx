import { Flex, Text } from "@radix-ui/themes";
import { Route, Routes } from "react-router";
import { useSession } from "./api/session";
import { Layout } from "./components/layout";
import { ChannelsPage } from "./pages/channels-page";
import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";
import { IntegrationsPage } from "./pages/integrations-page";
import { KeysPage } from "./pages/keys-page";
import { SignInPage } from "./pages/sign-in-page";
import { SilencesPage } from "./pages/silences-page";

export function App() {
  const { session, loading } = useSession();
  if (loading) {
    return (
      <Flex justify="center" p="9">
        <Text color="gray">Loading…</Text>
      </Flex>
    );
  }
  if (!session) return <SignInPage />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<IncidentsPage />} />
        <Route path="/incidents/:incidentId" element={<IncidentPage />} />
        <Route path="/integrations" element={<IntegrationsPage />} />
        <Route path="/keys" element={<KeysPage />} />
        <Route path="/channels" element={<ChannelsPage />} />
        <Route path="/silences" element={<SilencesPage />} />
        <Route path="*" element={<Text>Nothing here. Pick a page above.</Text>} />
      </Routes>
    </Layout>
  );
}
