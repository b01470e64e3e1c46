import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/net/private-address.js';

describe('isPrivateAddress: addresses a webhook must not reach unless an admin allows them', () => {
  it.each([
    ['127.0.0.1', true], ['127.255.255.254', true], ['0.0.0.0', true], ['0.1.2.3', true],
    ['10.0.0.1', true], ['10.255.255.255', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true],
    ['100.64.0.1', true], ['100.100.100.200', true], ['100.127.255.255', true], ['169.254.169.254', true], ['169.254.0.1', true],
    ['192.0.0.1', true], ['198.18.0.1', true], ['224.0.0.1', true], ['239.255.255.250', true], ['255.255.255.255', true], ['240.0.0.1', true],
    ['::1', true], ['::', true], ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['::ffff:10.0.0.1', true], ['::ffff:a9fe:a9fe', true],
    ['64:ff9b::a9fe:a9fe', true], ['64:ff9b::10.0.0.1', true], ['fc00::1', true], ['fd00:ec2::254', true], ['fdff:ffff::1', true],
    ['fe80::1', true], ['febf::1', true], ['fe80::1%eth0', true], ['ff02::1', true], ['::127.0.0.1', true],
    ['not an address', true], ['', true],
    ['8.8.8.8', false], ['93.184.216.34', false], ['172.15.255.255', false], ['172.32.0.1', false], ['100.63.255.255', false],
    ['100.128.0.1', false], ['169.253.255.255', false], ['192.169.0.1', false], ['11.0.0.1', false], ['223.255.255.255', false],
    ['2400:3200::1', false], ['2001:4860:4860::8888', false], ['::ffff:8.8.8.8', false], ['64:ff9b::808:808', false], ['fec0::1', true], ['fbff::1', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});
