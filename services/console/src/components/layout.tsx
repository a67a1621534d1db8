import { Badge, Box, Button, Container, Flex, Separator, Text } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { useLiveActivity } from "../api/live-activity";
import { useSession } from "../api/session";

const LINKS = [
  ["/", "Incidents"],
  ["/integrations", "Integrations"],
  ["/keys", "API keys"],
  ["/channels", "Notifications"],
  ["/silences", "Silences"],
] as const;

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const live = useLiveActivity(!!session);
  return (
    <Box>
      <Box asChild px="4" py="2" style={{ background: "var(--indigo-2)" }}>
        <header>
          <Flex align="center" gap="4" wrap="wrap" justify="between">
            <Flex align="center" gap="4" wrap="wrap">
              <Text weight="bold" size="4" asChild>
                <NavLink to="/" style={{ color: "inherit", textDecoration: "none" }}>
                  <img src="/favicon.svg" alt="" width="20" height="20" style={{ verticalAlign: "-4px", marginRight: 6 }} />
                  CauseFlow
                </NavLink>
              </Text>
              <nav aria-label="Main">
                <Flex gap="3" wrap="wrap">
                  {LINKS.map(([to, label]) => (
                    <NavLink
                      key={to}
                      to={to}
                      end={to === "/"}
                      style={({ isActive }) => ({
                        color: isActive ? "var(--indigo-12)" : "var(--gray-11)",
                        fontWeight: isActive ? 600 : 400,
                        textDecoration: isActive ? "underline" : "none",
                        textUnderlineOffset: 6,
                        fontSize: 14,
                      })}
                    >
                      {label}
                    </NavLink>
                  ))}
                </Flex>
              </nav>
            </Flex>
            <Flex align="center" gap="3">
              <Badge color={live === "live" ? "green" : "gray"} variant="soft" aria-live="polite">
                {live === "live" ? "● Live" : live === "connecting" ? "○ Connecting" : "○ Offline"}
              </Badge>
              <Text size="1" color="gray">
                {session?.kind === "operator" ? "operator" : session?.keyId} · {session?.tenantId}
              </Text>
              <Button size="1" variant="soft" onClick={() => void signOut()}>
                Sign out
              </Button>
            </Flex>
          </Flex>
        </header>
      </Box>
      <Separator size="4" />
      <Container size="4" px="4" py="4">
        <main>{children}</main>
      </Container>
    </Box>
  );
}
