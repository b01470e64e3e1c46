import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadResponsibility, routeOrder } from '../../src/workorders/responsibility.js';

const { list } = loadResponsibility('rules');
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('routing by the responsibility list', () => {
  it.each([
    ['municipal', 'municipal.manhole', '宝安区', '西乡街道', '宝安区城市管理和综合执法局', 'municipal'],
    ['municipal', 'municipal.drainage', '南山区', null, '南山区水务局', 'municipal.drainage'],
    ['municipal', 'municipal.power_supply', '龙岗区', null, '深圳供电局有限公司', 'municipal.power_supply'],
    ['noise', null, null, null, '深圳市生态环境局', 'noise'],
    ['pollution', 'pollution.dust', '大鹏新区', null, '深圳市生态环境局大鹏管理局', 'pollution'],
    ['sanitation', 'sanitation.illegal_ads', '宝安区', '西乡街道', '宝安区西乡街道办事处', 'sanitation.illegal_ads'],
    ['sanitation', 'sanitation.illegal_ads', '宝安区', null, '宝安区政务服务和数据管理局（12345热线分拨）', 'sanitation.illegal_ads'],
    ['city_order', null, '福田区', '华富街道', '福田区华富街道办事处', 'city_order@福田区'],
    ['city_order', 'city_order.outdoor_ads', '福田区', '华富街道', '福田区华富街道办事处', 'city_order@福田区'],
    ['city_order', null, '罗湖区', null, '罗湖区城市管理和综合执法局', 'city_order'],
    ['labor', 'labor.wage_arrears', '龙华区', null, '龙华区劳动监察大队', 'labor.wage_arrears'],
    ['labor', 'labor.wage_arrears', null, null, '深圳市人力资源和社会保障局', 'labor.wage_arrears'],
    ['fraud_privacy', 'fraud_privacy.telecom_fraud', '南山区', null, '深圳市公安局反电信网络诈骗中心', 'fraud_privacy.telecom_fraud'],
    ['traffic', 'traffic.signals', '光明区', null, '深圳市公安局交通警察局光明大队', 'traffic'],
    ['property', 'property.lift', '坪山区', null, '深圳市市场监督管理局坪山监管局', 'property.lift'],
    ['other', null, '广州市', null, '深圳市政务服务和数据管理局（12345热线分拨）', 'other'],
  ])('%s / %s in %s %s → %s', (category, sub_item, district, street, department, matched) => {
    expect(routeOrder(list, { category, sub_item, district, street })).toMatchObject({ department, matched });
  });
});

describe('loading the list', () => {
  function writeList(text: string): string {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-resp-'));
    cpSync('rules/packs', path.join(dir, 'packs'), { recursive: true });
    writeFileSync(path.join(dir, 'responsibility.yaml'), text);
    return dir;
  }
  const base = 'version: 1\ndistricts: { 南山区: 南山 }\nfallback: a\ndepartments:\n  - { id: a, name: 某单位 }\n';

  it.each([
    ['routes:\n  - { category: noise, department: b }\n', 'routes.0.department', 'unknown department "b"'],
    ['routes:\n  - { category: noize, department: a }\n', 'routes.0.category', 'Invalid option'],
    ['routes:\n  - { category: noise, sub_item: road.pothole, department: a }\n', 'routes.0.sub_item', 'does not belong to category'],
    ['routes:\n  - { category: noise, sub_item: noise.unheard_of, department: a }\n', 'routes.0.sub_item', 'unknown sub_item'],
    ['routes:\n  - { category: noise, district: 火星区, department: a }\n', 'routes.0.district', 'unknown district'],
    ['routes: []\ncolour: red\n', '', 'unknown field(s): colour'],
  ])('refuses %j naming the file and field %s', (routes, field, message) => {
    const rules = writeList(base + routes);
    let error: unknown;
    try {
      loadResponsibility(rules);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(path.join(rules, 'responsibility.yaml'));
    if (field) expect((error as Error).message).toContain(`field "${field}"`);
    expect((error as Error).message).toContain(message);
  });

  it('names the file for broken YAML', () => {
    expect(() => loadResponsibility(writeList('routes: [\n'))).toThrow(/responsibility\.yaml: not valid YAML/);
  });
});
