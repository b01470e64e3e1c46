import { z } from 'zod';

/** The most tickets one push may carry (the JSON body limit, 256 KB, usually binds first). */
export const PUSH_MAX_ROWS = 200;

const row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]), { error: '应为一个对象（键为来源文件中的列名，值为文本或数字）' });

/** POST /api/v1/tickets */
export const pushBody = z
  .object({
    source: z.string({ error: '应为热线来源的代码（rules/ticket-sources/<代码>.yaml）' }).min(1, '应为热线来源的代码，不能为空'),
    tickets: z.array(row, { error: '应为工单数组' }).min(1, '至少一条工单').max(PUSH_MAX_ROWS, `一次最多 ${PUSH_MAX_ROWS} 条工单，请分批推送`),
  })
  .strict();

export const importIdParam = z.object({ id: z.coerce.number({ error: '应为导入编号（整数）' }).int().min(1) }).strict();

export const uploadQuery = z
  .object({
    source: z.string({ error: '应为热线来源的代码' }).min(1),
    filename: z.string({ error: '应为文件名（带扩展名：.csv、.xlsx、.jsonl）' }).min(1).max(200),
  })
  .strict();

export const importsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
