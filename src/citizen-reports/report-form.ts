import { z } from 'zod';

/** Length limits the page shows beside the fields (GET /api/public/reports/form sends them). */
export const TEXT_MIN = 10;
export const TEXT_MAX = 1000;
export const PLACE_MAX = 100;
export const CONTACT_MAX = 100;

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@<>()"',;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Control characters other than line breaks and tabs never reach storage. */
const clean = (s: string) => s.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();

const optionalText = (max: number, what: string) =>
  z.string({ error: `${what}应为文字` }).transform(clean).pipe(z.string().max(max, { error: `${what}最多 ${max} 个字` })).optional()
    .transform((s) => (s ? s : undefined));

/** The text fields of a report (the multipart form's non-file fields); photos are checked on their own. */
export const reportFields = z.object({
  text: z.string({ error: '请填写要反映的问题' }).transform(clean)
    .pipe(z.string().min(TEXT_MIN, { error: `问题描述至少 ${TEXT_MIN} 个字，请写清楚是什么问题、在哪里、持续多久` }).max(TEXT_MAX, { error: `问题描述最多 ${TEXT_MAX} 个字` })),
  place_text: optionalText(PLACE_MAX, '地点'),
  /** A suggestion's id (GET /api/public/places?q=): the place is the gazetteer's unit, not free text. */
  place_id: z.string().max(200).optional(),
  contact: z.string().transform((s) => s.normalize('NFKC').replace(/\s+/g, '')).pipe(z.string().max(CONTACT_MAX)).optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || PHONE.test(s) || EMAIL.test(s), { error: '联系方式应为手机号（如 13800138000）、座机（如 0755-12345678）或电子邮箱；也可以不填' }),
  form_token: z.string({ error: '表单令牌缺失：请刷新页面后重新提交' }).regex(/^[A-Za-z0-9_-]{20,100}$/, { error: '表单令牌格式不对：请刷新页面后重新提交' }),
}).strict();

export type ReportFields = z.infer<typeof reportFields>;
