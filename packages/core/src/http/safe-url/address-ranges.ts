import { BlockList, isIP } from 'node:net';

/** Why an address is not a public one. */
export type AddressClass = 'metadata' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved';

interface Range {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  kind: AddressClass;
  label: string;
}

/** Cloud metadata endpoints: refused even when private networks are allowed. */
const METADATA_ADDRESSES: readonly Range[] = [
  { network: '169.254.169.254', prefix: 32, family: 'ipv4', kind: 'metadata', label: 'cloud metadata 169.254.169.254' },
  { network: '169.254.170.2', prefix: 32, family: 'ipv4', kind: 'metadata', label: 'AWS ECS metadata 169.254.170.2' },
  { network: '100.100.100.200', prefix: 32, family: 'ipv4', kind: 'metadata', label: 'Alibaba Cloud metadata' },
  { network: 'fd00:ec2::254', prefix: 128, family: 'ipv6', kind: 'metadata', label: 'AWS metadata fd00:ec2::254' },
];

const RANGES: readonly Range[] = [
  ...METADATA_ADDRESSES,
  { network: '0.0.0.0', prefix: 8, family: 'ipv4', kind: 'unspecified', label: '0.0.0.0/8' },
  { network: '127.0.0.0', prefix: 8, family: 'ipv4', kind: 'loopback', label: '127.0.0.0/8' },
  { network: '10.0.0.0', prefix: 8, family: 'ipv4', kind: 'private', label: '10.0.0.0/8' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4', kind: 'private', label: '172.16.0.0/12' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4', kind: 'private', label: '192.168.0.0/16' },
  { network: '100.64.0.0', prefix: 10, family: 'ipv4', kind: 'private', label: 'shared address space 100.64.0.0/10' },
  { network: '169.254.0.0', prefix: 16, family: 'ipv4', kind: 'link-local', label: '169.254.0.0/16' },
  { network: '192.0.0.0', prefix: 24, family: 'ipv4', kind: 'reserved', label: '192.0.0.0/24' },
  { network: '198.18.0.0', prefix: 15, family: 'ipv4', kind: 'reserved', label: 'benchmarking 198.18.0.0/15' },
  { network: '224.0.0.0', prefix: 4, family: 'ipv4', kind: 'reserved', label: 'multicast 224.0.0.0/4' },
  { network: '240.0.0.0', prefix: 4, family: 'ipv4', kind: 'reserved', label: 'reserved 240.0.0.0/4' },
  { network: '::', prefix: 128, family: 'ipv6', kind: 'unspecified', label: '::' },
  { network: '::1', prefix: 128, family: 'ipv6', kind: 'loopback', label: '::1' },
  { network: 'fc00::', prefix: 7, family: 'ipv6', kind: 'private', label: 'unique local fc00::/7' },
  { network: 'fe80::', prefix: 10, family: 'ipv6', kind: 'link-local', label: 'fe80::/10' },
  { network: 'ff00::', prefix: 8, family: 'ipv6', kind: 'reserved', label: 'multicast ff00::/8' },
];

const lists = RANGES.map((range) => {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, range.family);
  return { range, list };
});

/** Host names that are cloud metadata services whatever they resolve to. */
export const METADATA_HOSTNAMES: ReadonlySet<string> = new Set([
  'metadata.google.internal',
  'metadata',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

/**
 * Classify an IP literal: `null` for a public address, otherwise what it is
 * and the range it fell in. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function classifyAddress(address: string): { kind: AddressClass; label: string } | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { range, list } of lists) {
    if (list.check(bare, type)) return { kind: range.kind, label: range.label };
  }
  return null;
}
