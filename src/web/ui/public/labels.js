export const STATUS = { new: '待核实', confirmed: '已确认', rejected: '已驳回', merged: '已合并' };
export const URGENCY = { urgent: '紧急', normal: '一般' };
export const PLATFORM = { weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', zhihu: '知乎', tieba: '贴吧', bilibili: 'B站', toutiao: '头条', manual: '人工录入' };
export const FIELD = { category: '分类', sub_item: '事项', urgency: '紧急程度', district: '区', street: '街道', place: '地点', status: '状态', heat: '热度', post_count: '帖子数', spans: '命中片段', last_post_at: '最新帖子时间', reject_reason: '驳回原因', reject_note: '驳回说明', merged_into: '合并到', reviewed_by: '核实人', reviewed_at: '核实时间', version: '版本', edited_fields: '人工修改项' };
export const ACTION = { create: '创建', edit: '修改', confirm: '确认', reject: '驳回', merge: '合并到其他线索', absorb: '并入其他线索', reopen: '重新打开', unmerge: '撤销合并', release_claim: '释放认领' };
export const platformName = (p) => PLATFORM[p] || p;
