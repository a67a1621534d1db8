import ipaddr from "ipaddr.js";

/** Where outbound requests may go besides public addresses: `OUTBOUND_ALLOWED_HOSTS` (host names, IPs, CIDRs). */
export interface OutboundPolicy {
  hosts: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** Parses `OUTBOUND_ALLOWED_HOSTS` (comma separated: `hooks.internal`, `10.1.2.3`, `10.0.0.0/8`, `::1`). */
export function parseOutboundPolicy(value: string | undefined): OutboundPolicy {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes("/")) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else hosts.add(entry);
  }
  return { hosts, ranges };
}

/** Ranges an outbound request never reaches unless allowed: everything but public unicast. */
function isPublic(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return isPublic(v6.toIPv4Address());
  }
  return address.range() === "unicast";
}

const RANGE_NAMES: Record<string, string> = {
  linkLocal: "link-local (cloud metadata)",
  loopback: "loopback",
  private: "private",
  uniqueLocal: "unique-local (private)",
  carrierGradeNat: "carrier-grade NAT",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
  reserved: "reserved",
};

/** Null when the address may be reached; otherwise why not. */
export function addressRefusal(address: string, policy: OutboundPolicy): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const allowed = policy.ranges.some(([net, bits]) => net.kind() === parsed.kind() && parsed.match(net, bits));
  if (allowed || isPublic(parsed)) return null;
  const range = parsed.range();
  return `${address} is a ${RANGE_NAMES[range] ?? range} address (not allowed; see OUTBOUND_ALLOWED_HOSTS)`;
}

export function isAllowedHostName(hostname: string, policy: OutboundPolicy): boolean {
  return policy.hosts.has(hostname.toLowerCase().replace(/\.$/, ""));
}
