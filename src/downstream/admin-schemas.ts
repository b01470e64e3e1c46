import { z } from 'zod';
import { API_SCOPES } from './api-keys.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

export const createKeyBody = z.object({ name: z.string().trim().min(1).max(80), scopes: z.array(z.enum(API_SCOPES)).min(1) }).strict();
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const allowBody = z
  .object({
    origin: z.string().min(1).max(300),
    note: z.string().trim().max(200).optional(),
    /** Required for a private, loopback, link-local or metadata destination: why it may receive webhooks. */
    private_reason: z.string().trim().min(1, 'expected a reason (why this private destination may receive webhooks), received an empty one').max(200).optional(),
  })
  .strict();
export const subscriptionBody = z
  .object({ api_key_id: z.number().int().positive(), url: z.string().min(1).max(2000), event_types: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1) })
  .strict();
export const ownSubscriptionBody = subscriptionBody.omit({ api_key_id: true });
export const deliveriesQuery = z
  .object({
    subscription: z.coerce.number().int().positive().optional(),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();
