import type { Config } from '../config/schema';
import type { Authorizer, Role } from '../core/authz';
import { BreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import { type IdentityResolver, unmappedError } from '../core/identity';
import type { Logger } from '../core/logger';
import type { Actor } from '../core/platform';
import type { RequestContext } from '../core/router';
import type { Clock } from '../ports/clock';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import type { AuditActor } from '../runtime/workflow-types';
import type { Storage } from '../ports/storage';

/** What every command and action handler may use. */
export interface HandlerDeps {
  config: Config;
  runtime: WorkflowRuntime;
  storage: Storage;
  authz: Authorizer;
  identity: IdentityResolver;
  graph: GraphPort;
  clock: Clock;
  logger: Logger;
}

const ROLE_WORDS: Record<Role, string> = {
  responder: 'a configured responder',
  approver: 'an approver',
  manager: 'a manager',
  securityOfficer: 'a security officer',
  admin: 'an admin',
};

/**
 * Refuses (and audits) unless the actor holds one of `roles` right now.
 * The audit entry is the point: refused attempts during an incident matter.
 */
export async function requireRole(deps: HandlerDeps, ctx: RequestContext, roles: Role[], what: string, workflowId?: string): Promise<void> {
  for (const role of roles) if (await deps.authz.has(ctx.actor, role)) return;
  await auditDenied(deps, ctx.actor, workflowId ?? null, { what, needed: roles });
  // Someone we cannot map may well hold the role under their Entra account: say what is actually wrong.
  if (!ctx.actor.entraObjectId) throw unmappedError();
  throw new BreakglassError('authz.denied', `Only ${roles.map((r) => ROLE_WORDS[r]).join(' or ')} can ${what}.`);
}

export function auditActor(ctx: RequestContext): AuditActor {
  return {
    ...(ctx.actor.entraObjectId ? { entraId: ctx.actor.entraObjectId } : {}),
    platformId: `${ctx.actor.platform}:${ctx.actor.platformUserId}`,
    name: ctx.who.name,
  };
}

/** One `authz.denied` audit entry: refused attempts during an incident are evidence too. */
export async function auditDenied(deps: Pick<HandlerDeps, 'storage' | 'clock'>, actor: Actor, workflowId: string | null, data: Record<string, unknown>): Promise<void> {
  await deps.storage.transaction((tx) =>
    tx.appendAudit({
      at: deps.clock.now(),
      actorEntraId: actor.entraObjectId?.toLowerCase() ?? null,
      actorPlatformId: `${actor.platform}:${actor.platformUserId}`,
      workflowId,
      type: 'authz.denied',
      data,
    }),
  );
}
