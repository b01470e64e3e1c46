// Chinese labels for the codes the API returns: one module, shared by every page.
export const STATUS = { new: '待核实', confirmed: '已确认', rejected: '已驳回', merged: '已合并' };
export const ROLE = { verifier: '核实员', admin: '管理员', supervisor: '监督员' };
export const URGENCY = { urgent: '紧急', normal: '一般' };
/** 热线线索 review statuses (src/domain/ticket-lead-status.ts). */
export const TICKET_LEAD_STATUS = { pending: '待核查', valuable: '已核查·有价值', dismissed: '不予处理', transferred: '已移送' };
export const WO_STATUS = { created: '已创建', dispatched: '已派发', accepted: '已受理', in_progress: '处理中', resolved: '已办结', closed: '已关闭', returned: '已退回', reassigned: '已改派' };

// Platform key → the crawler file's display name, from GET /api/platforms (app.js catalogue() loads it).
const platformNames = new Map();
export function setPlatformNames(list) {
  for (const p of list) platformNames.set(p.code, p.name);
}
/** The name people read for a platform key ('demo-weibo' → '演示 · 微博'); the key itself only if the server has none. */
export const platformName = (key) => platformNames.get(key) || key;

/** A lead's 公益诉讼 domains, as the API names them ([{code, name}]), in one line. */
export const domainNames = (domains) => domains.map((d) => d.name).join('、') || '—';
