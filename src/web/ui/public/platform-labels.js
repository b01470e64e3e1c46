// Chinese labels of the 采集平台 console (crawler states, run statuses, version actions).
export const PLATFORM_STATE = { ok: '正常', failing: '失败', backing_off: '退避中', disabled: '已停用', invalid: '无效', login_required: '需要登录', captcha: '出现验证码', empty_pages: '返回空页' };
export const RUN_STATUS = { running: '运行中', ok: '成功', partial: '部分失败', failed: '失败', interrupted: '中断' };
export const RUN_TRIGGER = { schedule: '计划', cli: '命令行', resume: '续跑', admin: '立即运行', demo: '演示', soak: '压力测试', bench: '基准测试' };
export const ENGINE = { cheerio: '网页与接口抓取', playwright: '浏览器渲染抓取' };
export const VERSION_ACTION = { import: '从磁盘读入', create: '新建', edit: '修改', restore: '恢复', enable: '启用', disable: '停用', delete: '删除' };
