import { z } from 'zod';
import { ROLES } from '../../storage/users.js';

const displayName = z.string().trim().min(1, '显示名不能为空；不要显示名请不填').max(40);

/** Without `password` the person gets a one-time code to set their own (the recommended way). */
export const createUserBody = z
  .object({ name: z.string().trim().min(1, '请填写用户名').max(40), display_name: displayName.optional(), role: z.enum(ROLES), password: z.string().min(1).max(1024).optional() })
  .strict();

export const updateUserBody = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), display_name: displayName.nullable().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'expected at least one of role, disabled, display_name, received none' });

/** The user's name again: a reset cannot hit the wrong row by a mistyped id. */
export const resetPasswordBody = z.object({ name: z.string().trim().min(1, '请填写要重置密码的用户名').max(100) }).strict();

export const setupPasswordBody = z
  .object({ name: z.string().trim().min(1, '请输入用户名').max(100), code: z.string().trim().min(1, '请输入一次性代码').max(40), password: z.string().min(1, '请输入新密码').max(1024) })
  .strict();

export const userView = z.object({
  id: z.number(),
  name: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
  /** When the unused one-time code expires; null when the person has none outstanding. */
  setup_code_expires_at: z.string().nullable(),
});

export const setupCodeView = z.object({ code: z.string(), expires_at: z.string() });
