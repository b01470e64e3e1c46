import type { Db } from '../storage/database.js';
import { actorRef, type Actor } from './actor.js';
import { stmt } from '../storage/statements.js';

export interface AuditInput {
  actor: Actor;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  actor: string;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** Appends one entry; call it inside the transaction that makes the change, so both land or neither. */
export function recordAudit(db: Db, input: AuditInput): void {
  stmt(db, 
    'INSERT INTO audit_log (actor, actor_name, entity, entity_id, action, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    actorRef(input.actor),
    input.actor.name,
    input.entity,
    String(input.entityId),
    input.action,
    input.before === undefined ? null : JSON.stringify(input.before),
    input.after === undefined ? null : JSON.stringify(input.after),
    new Date().toISOString(),
  );
}

export function auditTrail(db: Db, entity: string, entityId: string | number): AuditEntry[] {
  const rows = stmt(db, 'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id')
    .all(entity, String(entityId)) as (Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null })[];
  return rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
}
