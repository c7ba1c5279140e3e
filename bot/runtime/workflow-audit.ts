import type { AuditEntryInput } from '../ports/storage';
import type { AuditActor } from './workflow-types';

/** One audit row about a workflow; no actor means the system did it (a timer, a Graph answer). */
export function workflowAuditEntry(actor: AuditActor | undefined, workflowId: string, at: number, type: string, data: Record<string, unknown>): AuditEntryInput {
  return {
    at,
    actorEntraId: actor ? (actor.entraId ?? null) : 'system',
    actorPlatformId: actor?.platformId ?? null,
    workflowId,
    type,
    data: actor?.name ? { ...data, actorName: actor.name } : data,
  };
}
