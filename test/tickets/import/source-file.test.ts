/**
 * Source files (rules/ticket-sources/<key>.yaml) are validated at load: every error names the file
 * and the field, with what was expected and what the file has there.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError } from '../../../src/errors.js';
import { listTicketSources, loadTicketSource, parseTicketSource } from '../../../src/tickets/source-loader.js';

const FILE = 'rules/ticket-sources/city-hotline.yaml';
const base = `name: 示范市12345热线
fields:
  ticket_no: 工单编号
  received_at: [受理时间, 来电时间]
  text: 诉求内容
`;

function issues(text: string): { field: string; message: string }[] {
  try {
    parseTicketSource(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message.startsWith(FILE)).toBe(true);
    return [...(err as ConfigError).issues];
  }
  throw new Error('expected the file to be refused');
}

describe('a ticket source file', () => {
  it('loads with defaults: comma, auto encoding, header on row 1, Beijing time', () => {
    const s = parseTicketSource(base, FILE);
    expect(s).toMatchObject({ key: 'city-hotline', name: '示范市12345热线', format: { delimiter: ',', encoding: 'auto', header_row: 1 }, time: { timezone: '+08:00' } });
  });

  it.each([
    [base.replace('  text: 诉求内容\n', ''), 'fields.text', 'expected a string or an array, received nothing (the key is missing)'],
    [`${base}  titel: 标题\n`, 'fields', 'unknown key "titel" (did you mean "title"?); expected one of: ticket_no, received_at, title, text, category, address, district, department, status, reply, replied_at, satisfaction'],
    [`${base}format:\n  encoding: big5\n`, 'format.encoding', 'expected one of "auto", "utf-8", "gbk", received "big5"'],
    [`${base}format:\n  delimiter: ";;"\n`, 'format.delimiter', 'expected at most 1 character(s), received ";;"'],
    [`${base}time:\n  timezone: Asia/Shanghai\n`, 'time.timezone', 'expected an offset like +08:00; received "Asia/Shanghai"'],
    [`${base}time:\n  formats: [HH:mm]\n`, 'time.formats[0]', 'a time format needs YYYY, M or MM, and D or DD (H, HH, mm, ss optional); received "HH:mm"'],
    [`${base}values:\n  satisfaction: { 满意: yes }\n`, 'values.satisfaction.满意', 'expected one of "satisfied", "unsatisfied", received "yes"'],
    [base.replace('  ticket_no: 工单编号', '  ticket_no: []'), 'fields.ticket_no', expect.stringContaining('expected at least 1 item(s), received []')],
  ])('refuses a wrong field, naming it (%#)', (text, field, message) => {
    expect(issues(text)).toContainEqual({ field, message });
  });

  it('a file that is not YAML or not a mapping says so, naming the file', () => {
    expect(() => parseTicketSource('name: [', FILE)).toThrow(/^rules\/ticket-sources\/city-hotline.yaml: cannot parse/);
    expect(() => parseTicketSource('- a', FILE)).toThrow(/expected a mapping at the top level/);
  });

  it('an unknown source names the known ones; the shipped example loads', () => {
    expect(() => loadTicketSource(path.resolve('rules'), 'nope')).toThrow(NotFoundError);
    expect(() => loadTicketSource(path.resolve('rules'), 'nope')).toThrow(/已有：demo-hotline/);
    expect(listTicketSources(path.resolve('rules'))).toEqual([{ key: 'demo-hotline', name: '示范市12345热线', error: null }]);
  });
});
