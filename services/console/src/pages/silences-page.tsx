import type { Silence, SilenceList } from "@causeflow/contracts/http";
import { Badge, Box, Button, Card, Flex, Heading, Select, Table, Text, TextField } from "@radix-ui/themes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, get } from "../api/client";
import { useSession } from "../api/session";
import { ErrorCallout } from "../components/error-callout";
import { formatAbsolute } from "../components/time-ago";

interface Matcher {
  field: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

/** Silences and maintenance windows (contract §9). */
export function SilencesPage() {
  const { session, can } = useSession();
  const client = useQueryClient();
  const base = `/v1/tenants/${session!.tenantId}/silences`;
  const silences = useQuery({ queryKey: ["silences"], queryFn: () => get<SilenceList>(base) });
  const [matchers, setMatchers] = useState<Matcher[]>([{ field: "service", op: "=", value: "" }]);
  const [hours, setHours] = useState("2");
  const [startsIn, setStartsIn] = useState("0");
  const [comment, setComment] = useState("");
  const create = useMutation({
    mutationFn: () => {
      const start = Date.now() + Number(startsIn) * 3600_000;
      return api<Silence>("POST", base, {
        matchers,
        ...(Number(startsIn) > 0 ? { startsAt: new Date(start).toISOString() } : {}),
        endsAt: new Date(start + Number(hours) * 3600_000).toISOString(),
        comment,
      });
    },
    onSuccess: () => {
      setComment("");
      void client.invalidateQueries({ queryKey: ["silences"] });
    },
  });
  const expire = useMutation({
    mutationFn: (id: string) => api("DELETE", `${base}/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["silences"] }),
  });
  const setMatcher = (n: number, change: Partial<Matcher>) =>
    setMatchers(matchers.map((m, i) => (i === n ? { ...m, ...change } : m)));
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="6">
        Silences
      </Heading>
      {can("write") && (
        <Card>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Flex direction="column" gap="2">
              <Text size="2" color="gray">
                Firing alerts matching every line open no incident while the silence is active. Regular expressions (=~, !~) use
                RE2 and match the whole value.
              </Text>
              {matchers.map((m, n) => (
                <Flex gap="2" key={n} wrap="wrap">
                  <TextField.Root
                    aria-label="Field"
                    value={m.field}
                    onChange={(e) => setMatcher(n, { field: e.target.value })}
                    placeholder="service, title, tag:team…"
                  />
                  <Select.Root value={m.op} onValueChange={(op) => setMatcher(n, { op: op as Matcher["op"] })}>
                    <Select.Trigger aria-label="Operator" />
                    <Select.Content>
                      {["=", "!=", "=~", "!~"].map((op) => (
                        <Select.Item key={op} value={op}>
                          {op}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select.Root>
                  <TextField.Root
                    aria-label="Value"
                    value={m.value}
                    onChange={(e) => setMatcher(n, { value: e.target.value })}
                    placeholder="value"
                  />
                </Flex>
              ))}
              <Flex gap="2" wrap="wrap" align="center">
                <Button
                  type="button"
                  size="1"
                  variant="soft"
                  onClick={() => setMatchers([...matchers, { field: "title", op: "=~", value: "" }])}
                >
                  Add matcher
                </Button>
                <TextField.Root
                  aria-label="Starts in hours"
                  type="number"
                  min="0"
                  value={startsIn}
                  onChange={(e) => setStartsIn(e.target.value)}
                  style={{ width: 90 }}
                />
                <Text size="2">h from now, for</Text>
                <TextField.Root
                  aria-label="Duration in hours"
                  type="number"
                  min="0.1"
                  step="0.1"
                  value={hours}
                  onChange={(e) => setHours(e.target.value)}
                  style={{ width: 90 }}
                />
                <Text size="2">h</Text>
                <TextField.Root
                  aria-label="Comment"
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  placeholder="Why (required)"
                  required
                  style={{ minWidth: 220 }}
                />
                <Button type="submit" loading={create.isPending}>
                  Create silence
                </Button>
              </Flex>
            </Flex>
          </form>
        </Card>
      )}
      <ErrorCallout error={create.error ?? expire.error ?? silences.error} />
      <Box style={{ overflowX: "auto" }}>
        <Table.Root variant="surface" size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>State</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Matchers</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>From</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Until</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Comment</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {silences.data?.items.map((s) => (
              <Table.Row key={s.silenceId}>
                <Table.Cell>
                  <Badge color={s.state === "active" ? "green" : s.state === "pending" ? "amber" : "gray"}>{s.state}</Badge>
                </Table.Cell>
                <Table.Cell>{s.matchers.map((m) => `${m.field} ${m.op} "${m.value}"`).join(" and ")}</Table.Cell>
                <Table.Cell>{formatAbsolute(s.startsAt)}</Table.Cell>
                <Table.Cell>{formatAbsolute(s.endsAt)}</Table.Cell>
                <Table.Cell>{s.comment}</Table.Cell>
                <Table.Cell>
                  {s.state !== "expired" && can("write") && (
                    <Button size="1" variant="soft" color="red" onClick={() => expire.mutate(s.silenceId)}>
                      Expire
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
