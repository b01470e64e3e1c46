import { describe, expect, it } from 'vitest';
import { findCluster } from '../../src/leads/cluster.js';
import { heat } from '../../src/leads/heat.js';
import { fingerprintOf } from '../../src/leads/fingerprint.js';
import { hammingDistance, simhash } from '../../src/leads/simhash.js';
import type { ClusterCandidate } from '../../src/storage/leads.js';

describe('simhash', () => {
  const a = '南山区科苑路有个井盖不见了，就剩一个黑洞，大家注意安全';
  it.each([
    ['identical', a, 0, 0],
    ['repost with a prefix', `转发微博 ${a}`, 0, 2],
    ['repost chain', `说得对//@某网友: ${a}`, 0, 10],
    ['punctuation and spaces', a.replace(/，/g, ' , '), 0, 2],
    ['unrelated text', '今天去深圳湾公园骑车，海风吹着好舒服，晚霞是粉紫色的', 16, 64],
  ])('%s', (_name, b, min, max) => {
    const d = hammingDistance(fingerprintOf(a), fingerprintOf(b));
    expect(d).toBeGreaterThanOrEqual(min);
    expect(d).toBeLessThanOrEqual(max);
  });

  it('malformed fingerprints are maximally distant', () => {
    expect(hammingDistance('zz', simhash(a))).toBe(64);
    expect(simhash('')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('heat', () => {
  it('more posts and more engagement rank higher, log-scaled', () => {
    const one = heat([{ likes: 0, comments: 0, shares: 0 }]);
    const two = heat([{ likes: 0, comments: 0, shares: 0 }, { likes: null, comments: null, shares: null }]);
    const viral = heat([{ likes: 10_000, comments: 500, shares: 2000 }]);
    expect(one).toBe(1);
    expect(two).toBe(2);
    expect(viral).toBeGreaterThan(two);
    expect(viral).toBeLessThan(7);
  });
});

describe('findCluster', () => {
  const lead = (over: Partial<ClusterCandidate>): ClusterCandidate => ({
    id: 1, status: 'new', category: 'road', sub_item: 'road.sidewalk', urgency: 'normal', district: '宝安区', street: '西乡街道',
    place: '宝安大道西乡段', fingerprint: simhash('完全不同的文字内容在这里'), last_post_at: '2026-11-21T00:00:00.000Z', merged_into: null, ...over,
  });
  const subject = { category: 'road', subItem: 'road.sidewalk', street: '西乡街道', place: '宝安大道西乡段的人行道', fingerprint: simhash('人行道地砖翘起来'), at: '2026-11-21T12:00:00.000Z' };
  it.each([
    ['same category and place within 48 h', lead({}), 'same_incident'],
    ['other category', lead({ category: 'traffic' }), undefined],
    ['too late', lead({ last_post_at: '2026-11-18T00:00:00.000Z' }), undefined],
    ['rejected lead, different text', lead({ status: 'rejected' }), undefined],
    ['confirmed lead', lead({ status: 'confirmed' }), 'same_incident'],
    ['same street and sub-item, no place on one side', lead({ place: null }), 'same_incident'],
    ['same street, other sub-item, no place', lead({ place: null, sub_item: 'road.pothole' }), undefined],
    ['rejected lead, same text', lead({ status: 'rejected', fingerprint: subject.fingerprint, category: 'road' }), 'near_duplicate'],
  ])('%s', (_name, candidate, reason) => {
    expect(findCluster(subject, [candidate])?.reason).toBe(reason);
  });
});
