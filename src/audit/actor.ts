/** Who did something: a person, a downstream system's API key, or the system itself. */
export type Actor =
  | { kind: 'user'; id: number; name: string }
  | { kind: 'key'; id: number; name: string }
  | { kind: 'system'; name: string };

export const SYSTEM: Actor = { kind: 'system', name: 'system' };

/** The stable string stored in actor columns: 'user:3', 'key:2', 'system'. */
export function actorRef(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
