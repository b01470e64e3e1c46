/**
 * The pure parts of ticket import, by tables: times in hotline exports, the CSV parser (any chunk
 * split), a row's mapping and rejection (field, expected, received), the hotline's district column.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../../src/engine/location/gazetteer.js';
import { CsvParser } from '../../../src/tickets/csv-parser.js';
import { hotlineDistricts } from '../../../src/tickets/hotline-district.js';
import { rowMapper } from '../../../src/tickets/map-row.js';
import { loadTicketSource } from '../../../src/tickets/source-loader.js';
import { partsFor } from '../../../src/tickets/reading-parts.js';
import { ticketReading } from '../../../src/tickets/ticket-reading.js';
import { timeReader } from '../../../src/tickets/ticket-time.js';
import { looksUtf8 } from '../../../src/tickets/text-decoding.js';
import iconv from 'iconv-lite';

describe('times in exports (Beijing time unless they say otherwise)', () => {
  const read = timeReader(['YYYY-MM-DD HH:mm:ss', 'YYYY/M/D H:mm', 'YYYY年M月D日 H:mm'], '+08:00');
  it.each([
    ['2026-12-07 09:05:00', '2026-12-07T01:05:00.000Z'],
    ['2026/12/7 9:05', '2026-12-07T01:05:00.000Z'],
    ['2026/12/7  9:05', '2026-12-07T01:05:00.000Z'],
    ['2026年12月7日 0:30', '2026-12-06T16:30:00.000Z'],
    ['2026-12-07T09:05:00+08:00', '2026-12-07T01:05:00.000Z'],
    ['2026-12-07T01:05:00Z', '2026-12-07T01:05:00.000Z'],
    [46363.37847222222, '2026-12-07T01:05:00.000Z'],
    ['46363.37847222222', '2026-12-07T01:05:00.000Z'],
    [new Date(Date.UTC(2026, 11, 7, 9, 5)), '2026-12-07T01:05:00.000Z'],
    ['2026/2/30 9:05', null],
    ['2026/13/1 9:05', null],
    ['2026/12/7 25:05', null],
    ['昨天上午', null],
    ['', null],
    [12, null],
    [true, null],
  ])('%j → %s', (value, expected) => {
    expect(read(value)).toBe(expected);
  });
});

describe('CSV parser (RFC 4180)', () => {
  const text = '\u5de5\u5355,内容\r\nA1,"带,逗号"\r\nA2,"多\r\n行 ""引号"""\nA3,\r\n"A4",末行';
  const expected = [['工单', '内容'], ['A1', '带,逗号'], ['A2', '多\r\n行 "引号"'], ['A3', ''], ['A4', '末行']];
  it('reads quoted fields with commas, line breaks and doubled quotes, CRLF and LF, no final line break', () => {
    const p = new CsvParser();
    expect([...p.push(text), ...p.end()]).toEqual(expected);
  });
  it('gives the same records however the text is cut into chunks', () => {
    for (let cut = 1; cut < text.length; cut++) {
      const p = new CsvParser();
      expect([...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()], `cut at ${cut}`).toEqual(expected);
    }
  });
  it('takes another delimiter', () => {
    const p = new CsvParser(';');
    expect([...p.push('a;"b;c"\n'), ...p.end()]).toEqual([['a', 'b;c']]);
  });
});

describe('encoding detection', () => {
  it('tells GBK (Excel on a Chinese Windows) from UTF-8, also when a sample ends inside a character', () => {
    expect(looksUtf8(Buffer.from('工单编号,受理时间'))).toBe(true);
    expect(looksUtf8(Buffer.from('工单编号').subarray(0, 4))).toBe(true);
    expect(looksUtf8(iconv.encode('工单编号,受理时间', 'gbk'))).toBe(false);
  });
});

describe('a row of the demo hotline', () => {
  const map = rowMapper(loadTicketSource(path.resolve('rules'), 'demo-hotline'));
  const good = { 工单编号: 'GD001', 受理时间: '2026/12/7 9:05', 诉求内容: '小区门口垃圾堆积', 满意度: '基本满意', 办理状态: '办结' };
  it('maps columns, the first of a list that has a value, value maps and times', () => {
    const r = map({ ...good, 工单编号: '', 工单号: 'GD002' });
    expect(r).toMatchObject({ ticket: { ticket_no: 'GD002', received_at: '2026-12-07T01:05:00.000Z', text: '小区门口垃圾堆积', satisfaction: 'satisfied', status_raw: '已办结', title: null } });
  });
  it('hashes the mapped fields: a changed reply changes the hash, nothing else does', () => {
    const a = map(good) as { ticket: { row_hash: string } };
    expect((map({ ...good }) as typeof a).ticket.row_hash).toBe(a.ticket.row_hash);
    expect((map({ ...good, 答复内容: '已清理' }) as typeof a).ticket.row_hash).not.toBe(a.ticket.row_hash);
  });
  it.each([
    [{ ...good, 工单编号: undefined }, 'ticket_no', '非空文本', '空'],
    [{ ...good, 诉求内容: '  ' }, 'text', '非空文本', '空'],
    [{ ...good, 受理时间: '昨天' }, 'received_at', '时间（YYYY-MM-DD HH:mm:ss、YYYY/M/D H:mm、YYYY/M/D H:mm:ss、YYYY年M月D日 H:mm，或带时区的 ISO 8601）', '"昨天"'],
    [{ ...good, 满意度: '还行' }, 'satisfaction', '以下之一：满意、基本满意、不满意', '"还行"'],
    [{ ...good, 答复时间: '2026/2/30 9:00' }, 'replied_at', expect.stringContaining('时间'), '"2026/2/30 9:00"'],
    [{ ...good, 工单编号: 'X'.repeat(101) }, 'ticket_no', '不超过 100 个字的文本', '"101 个字"'],
  ])('rejects %j naming %s', (row, field, expected, received) => {
    const r = map(row);
    expect(r).toMatchObject({ reject: { field, expected, received } });
    expect((r as { reject: { message: string } }).reject.message).toMatch(/^字段“.+”（.+）应为/);
  });
});

describe('the hotline district column', () => {
  const district = hotlineDistricts(loadGazetteer(path.resolve('rules'), '深圳'));
  it.each([
    ['南山区', '南山区'],
    ['深圳市南山区', '南山区'],
    [' 宝安区 ', '宝安区'],
    ['南山', '南山区'],
    ['广州市天河区', null],
    ['', null],
    [null, null],
  ])('%j → %s', (raw, expected) => {
    expect(district(raw)).toBe(expected);
  });
});

describe("the engine's reading of a ticket", () => {
  const parts = partsFor(path.resolve('rules'), '深圳', undefined);
  const ticket = (text: string, district_raw: string | null, address: string | null = null) => ticketReading({ id: 1, title: null, text, address, district_raw }, parts);
  it.each([
    // the text places it nowhere: the hotline's district column fills in
    ['小区门口垃圾堆积好几天没人清理，臭气熏天', '南山区', null, '南山区'],
    // the text names a place: the text wins over the column
    ['华强北路口垃圾堆积好几天没人清理，臭气熏天', '南山区', null, '福田区'],
    // the address column is read with the text
    ['小区门口垃圾堆积好几天没人清理，臭气熏天', null, '宝安区西乡街道固戍地铁站A出口', '宝安区'],
    // a column naming no district of the city leaves it unknown
    ['小区门口垃圾堆积好几天没人清理，臭气熏天', '广州市天河区', null, null],
  ])('%s (column %s, address %s) → %s', (text, column, address, expected) => {
    const r = ticket(text, column, address);
    expect(r).toMatchObject({ is_lead: true, category: 'sanitation', district: expected });
  });
});
