import { z } from 'zod';

export const pullQuery = z
  .object({
    cursor: z.string().regex(/^\d{1,15}$/, 'expected the next_cursor of the previous page (digits), or 0 to start').default('0'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** Status moves, and `feedback`: the citizen's satisfaction after the order is resolved (回访评价). */
export const EVENT_TYPES = ['accepted', 'in_progress', 'resolved', 'returned', 'feedback'] as const;
export const eventBody = z
  .object({
    type: z.enum(EVENT_TYPES),
    note: z.string().trim().max(2000).optional(),
    reason: z.string().trim().max(2000).optional(),
    feedback: z.enum(['satisfied', 'unsatisfied']).optional(),
  })
  .strict()
  .superRefine((b, issues) => {
    if ((b.type === 'feedback') !== (b.feedback !== undefined))
      issues.addIssue({ code: 'custom', path: ['feedback'], message: b.type === 'feedback' ? 'type 为 feedback 时需要 feedback：satisfied（满意）或 unsatisfied（不满意）' : `feedback 只能与 type "feedback" 一起发送，收到的 type 是 "${b.type}"` });
  });

