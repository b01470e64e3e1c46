import { BlockList, isIP } from 'node:net';

/** IPv4 ranges a webhook or a crawler must not reach by default (RFC 6890 special-purpose, minus the documentation nets). */
const IPV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; some clouds' metadata (100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const IPV6: [string, number][] = [
  ['::', 96], // unspecified, loopback, deprecated IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local (AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [net, prefix] of IPV4) {
  blocked.addSubnet(net, prefix, 'ipv4');
  // The same hosts written as IPv6: IPv4-mapped (::ffff:127.0.0.1) and well-known NAT64 (64:ff9b::a9fe:a9fe).
  for (const v6 of ['::ffff:', '64:ff9b::']) blocked.addSubnet(`${v6}${net}`, 96 + prefix, 'ipv6');
}
for (const [net, prefix] of IPV6) blocked.addSubnet(net, prefix, 'ipv6');

/** True for a private, loopback, link-local, metadata or otherwise special address; anything that is not an IP counts as private. */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.split('%')[0]!; // a zone id (fe80::1%eth0) names an interface, not a host
  const family = isIP(address);
  return family === 0 || blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
