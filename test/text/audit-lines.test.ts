import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { recordAudit } from '../../src/audit/audit-log.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { reviewCatalogue } from '../../src/review/catalogue.js';
import { editLead, rejectLead, reopenLead } from '../../src/review/lead-actions.js';
import { actionName, auditLines } from '../../src/text/audit-lines.js';
import { beijingTime } from '../../src/text/beijing-time.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { TEST_PASSWORD } from '../helpers/web-app.js';

let ctx: TempContext;
afterEach(() => ctx?.cleanup());

/** What a verifier reads must not contain codes: raw ids, field names, ISO times, dotted rule ids. */
const RAW = /user:\d|\d{4}-\d\d-\d\dT|[a-z]+[._][a-z]|\b(system|new|rejected|confirmed|created|dispatched|accepted)\b/;

describe('audit lines: who did what, in words', () => {
  it('names people, the system and Chinese actions, statuses, fields and Beijing times for a lead', async () => {
    ctx = tempContext();
    const user = await addUser(ctx.db, { name: 'li', displayName: '李娜', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
    const actor = { kind: 'user' as const, id: user.id, name: 'li' };
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '路口井盖丢了' }], category: 'municipal' });
    recordAudit(ctx.db, { actor: SYSTEM, entity: 'lead', entityId: leadId, action: 'created', after: { post_id: 1, category: 'municipal', urgency: 'urgent', score: 0.8125, matched: ['urgent.manhole_open', 'municipal.manhole.missing_cover'] } });
    editLead(ctx, { leadId, actor, version: 1, changes: { district: '南山区' }, catalogue: reviewCatalogue(ctx.config.rulesDir) });
    rejectLead(ctx, { leadId, actor, version: 2, reason: 'duplicate', note: '同一井盖' }, new Date('2026-12-06T10:29:54.000Z'));
    reopenLead(ctx, { leadId, actor, version: 3 });

    const lines = auditLines(ctx, 'lead', leadId);
    expect(lines.map((l) => [l.who, l.what])).toEqual([['系统', '系统发现'], ['李娜', '修改'], ['李娜', '驳回'], ['李娜', '重新打开']]);
    const text = (i: number) => lines[i]!.changes.map((c) => `${c.label}：${c.from ?? ''}→${c.to ?? ''}`);
    expect(text(0)).toEqual(['分类：→市政公用', '紧急程度：→紧急', '得分：→0.81', '命中规则：→紧急：井盖缺失或敞口、市政公用 · 井盖缺失破损']);
    expect(text(1)).toEqual(['区：福田区→南山区']);
    expect(text(2)).toEqual(expect.arrayContaining(['状态：待核实→已驳回', '驳回原因：空→重复', '驳回说明：空→同一井盖', '核实人：空→李娜', `核实时间：空→${beijingTime('2026-12-06T10:29:54.000Z')}`]));
    expect(beijingTime('2026-12-06T10:29:54.000Z')).toBe('2026-12-06 18:29');
    for (const l of lines) expect(`${l.who} ${l.what} ${JSON.stringify(l.changes.map((c) => [c.label, c.from, c.to]))}`).not.toMatch(RAW);
  });

  it('reads a work order audit and its status moves the same way', async () => {
    ctx = tempContext();
    const user = await addUser(ctx.db, { name: 'wang', displayName: '王芳', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
    const actor = { kind: 'user' as const, id: user.id, name: 'wang' };
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '路灯不亮' }], category: 'municipal' });
    const order = confirmLead(ctx, { leadId, actor });
    transitionWorkOrder(ctx, { number: order.number, to: 'accepted', actor });
    const lines = auditLines(ctx, 'work_order', order.id);
    expect(lines.map((l) => [l.who, l.what])).toEqual([['王芳', '创建'], ['王芳', '改为「已受理」']]);
    expect(lines[1]!.changes.map((c) => `${c.label}：${c.from}→${c.to}`)).toContain('状态：已派发→已受理');
    for (const l of lines) expect(`${l.who} ${l.what} ${JSON.stringify(l.changes.map((c) => [c.label, c.from, c.to]))}`).not.toMatch(RAW);
  });

  it('names the actions of watched topics and crawler platform files', () => {
    // topics.ts: create, delete; platform-store.ts, platform-admin-routes.ts, run-now.ts: the rest
    const actions = ['create', 'delete', 'edit', 'restore', 'enable', 'disable', 'run', 'dry_run'];
    expect(actions.map(actionName)).toEqual(['创建', '删除', '修改', '恢复旧版本', '启用', '停用', '立即运行', '试运行']);
  });
});
