import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** The demo hotline's export columns, and rows written for these tests (made-up text). */
export const HEADER = ['工单编号', '受理时间', '标题', '诉求内容', '诉求类别', '事发地址', '所属区', '承办单位', '办理状态', '答复内容', '答复时间', '满意度'];

export interface Row {
  no: string;
  at: string;
  text: string;
  district?: string;
  status?: string;
  reply?: string;
  satisfaction?: string;
  title?: string;
}

export const ROWS: Row[] = [
  { no: 'GD0001', at: '2026/12/7 9:05', title: '垃圾', text: '小区门口垃圾堆积好几天，臭气熏天，没人清理', district: '南山区', status: '办理中' },
  { no: 'GD0002', at: '2026-12-07 10:15:00', text: '楼下烧烤店每天晚上噪音扰民到凌晨两点，油烟也很大', district: '福田区', status: '已受理' },
  { no: '', at: '2026/12/7 11:00', text: '没有工单编号的一行' },
  { no: 'GD0004', at: '昨天上午', text: '受理时间读不出的一行' },
  { no: 'GD0005', at: '2026/12/7 12:30', text: '路口红绿灯坏了，车辆乱成一团，\n"很危险"，请尽快修理', district: '宝安区', status: '办结', reply: '已修复', satisfaction: '满意' },
  { no: 'GD0006', at: '2026/12/7 13:00', text: '咨询，满意度写错', satisfaction: '还行' },
];

function cells(r: Row): (string | undefined)[] {
  return [r.no, r.at, r.title, r.text, '城市管理', undefined, r.district, undefined, r.status, r.reply, undefined, r.satisfaction];
}

function csvField(v: string | undefined): string {
  if (v === undefined) return '';
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvText(rows: readonly Row[]): string {
  return [HEADER, ...rows.map(cells)].map((c) => c.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 with a BOM, as most systems export. */
export function writeCsv(dir: string, name: string, rows: readonly Row[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${csvText(rows)}`);
  return file;
}

/** What Excel on a Chinese Windows writes when saving "CSV": GBK, no BOM. */
export function writeGbkCsv(dir: string, name: string, rows: readonly Row[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, iconv.encode(csvText(rows), 'gbk'));
  return file;
}

export function writeJsonl(dir: string, name: string, rows: readonly Row[], extraLines: string[] = []): string {
  const file = path.join(dir, name);
  const lines = rows.map((r) => JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, cells(r)[i]]).filter(([, v]) => v !== undefined))));
  writeFileSync(file, [...lines, ...extraLines].join('\n') + '\n');
  return file;
}

/** An .xlsx as a hotline system exports it: a title sheet first, then 工单明细 with real date cells for times that parse. */
export async function writeXlsx(dir: string, name: string, rows: readonly Row[]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['示范市12345热线 工单导出']);
  const ws = wb.addWorksheet('工单明细');
  ws.addRow(HEADER);
  for (const r of rows) {
    const c: unknown[] = cells(r);
    const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(r.at);
    // a date cell: exceljs writes a Date's UTC fields as the sheet's wall time
    if (m) c[1] = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
    const row = ws.addRow(c);
    if (m) row.getCell(2).numFmt = 'yyyy/m/d h:mm';
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** A big export written row by row: every `badEvery`-th row has a time that does not parse. Returns the path. */
export async function writeBigCsv(dir: string, name: string, rows: number, badEvery = 10_000): Promise<string> {
  const file = path.join(dir, name);
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  const texts = ['小区门口垃圾堆积好几天没人清理', '楼下烧烤店噪音扰民到凌晨两点', '路灯坏了一个多月晚上走路很危险', '工地夜间施工噪音严重影响休息', '咨询社保卡补办流程'];
  const districts = ['南山区', '福田区', '', '宝安区'];
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`\uFEFF${HEADER.join(',')}\r\n`);
  for (let i = 1; i <= rows; i++) {
    const at = i % badEvery === 0 ? '待定' : `2026/12/${1 + (i % 6)} ${i % 24}:${String(i % 60).padStart(2, '0')}`;
    await write(`GD${String(i).padStart(7, '0')},${at},,"${texts[i % texts.length]}，第${i}号",城市管理,,${districts[i % districts.length]},,办理中,,,\r\n`);
  }
  await new Promise<void>((r) => out.end(r));
  return file;
}
