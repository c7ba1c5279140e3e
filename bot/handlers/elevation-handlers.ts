import type { RoleDefinition } from '../../workflows/graph-records';
import { explainRefusal, closedSentence } from '../../workflows/pim-elevation/explain-refusal';
import { asExistingElevation, standingOf } from '../../workflows/pim-elevation/standing';
import type { ElevationContext, ElevationInput, ElevationUserEvent } from '../../workflows/pim-elevation/types';
import { type ElevationPolicy, validateElevationRequest } from '../../workflows/pim-elevation/validate-request';
import type { ParsedCommand } from '../core/command-grammar';
import type { Role } from '../core/authz';
import { BreakglassError, isBreakglassError } from '../core/errors';
import { unmappedError } from '../core/identity';
import type { ActionHandler, CommandHandler, RequestContext } from '../core/router';
import { elevationsList } from '../messages/elevation/elevations-list';
import { requestRefusedMessage } from '../messages/elevation/request-refused';
import type { Reply } from '../messages/message';
import { messageToText } from '../messages/message-text';
import type { WorkflowView } from '../runtime/workflow-types';
import { personKeyOf } from '../config/person-key';
import { decodeButtonValue } from '../kinds/button-value';
import { elevationAudience } from './elevation-input';
import { requesterRisk } from './elevation-risk';
import { alertsAbout } from './open-alerts';
import { auditActor, type HandlerDeps, requireRole } from './handler-deps';
import { idFromDelivery } from './ids';
import type { ElevationSummary } from '../../workflows/pim-elevation/elevation-summary';
import { ELEVATION_KIND } from '../../workflows/pim-elevation/kind';

type Cmd<N extends ParsedCommand['name']> = Extract<ParsedCommand, { name: N }>;

/** Which roles may press which elevation button, checked at the moment of the click. */
const BUTTON_ROLES: Record<string, { event: ElevationUserEvent['type']; roles: Role[] | 'requester-or'; what: string }> = {
  'elevation.approve': { event: 'approve', roles: ['approver'], what: 'approve elevations' },
  'elevation.deny': { event: 'deny', roles: ['approver'], what: 'deny elevations' },
  'elevation.withdraw': { event: 'withdraw', roles: 'requester-or', what: 'withdraw this request' },
  'elevation.revoke': { event: 'revoke', roles: 'requester-or', what: 'revoke this elevation' },
  'elevation.recheck-mfa': { event: 'recheck-mfa', roles: 'requester-or', what: 're-check MFA' },
  'elevation.reverify': { event: 'reverify', roles: ['approver', 'admin'], what: 'verify the grant again' },
  'elevation.retry': { event: 'retry', roles: ['approver', 'admin'], what: 'retry the grant' },
  'elevation.nudge': { event: 'nudge', roles: ['manager', 'approver', 'admin'], what: 'remind the approvers' },
};

/** `elevate`, `revoke`, `elevations` and the approval card's buttons. */
export function elevationHandlers(deps: HandlerDeps) {
  const roleCache = new Map<string, RoleDefinition | undefined>();
  async function resolveRole(name: string): Promise<RoleDefinition | undefined> {
    const key = name.toLowerCase();
    if (!roleCache.has(key)) roleCache.set(key, await deps.graph.resolveRole(name));
    return roleCache.get(key);
  }

  async function policyFor(role: RoleDefinition): Promise<ElevationPolicy | undefined> {
    for (const p of deps.config.elevation.policies) {
      if (p.role.toLowerCase() === role.displayName.toLowerCase() || (await resolveRole(p.role))?.id === role.id) return p;
    }
    return undefined;
  }

  async function send(view: WorkflowView<ElevationContext>, event: ElevationUserEvent, ctx: RequestContext): Promise<Reply | void> {
    const result = await deps.runtime.send(view.row.id, event, { actor: auditActor(ctx), deliveryKey: ctx.event.deliveryKey, auditType: `elevation.${event.type}` });
    if (result.changed || result.reason === 'duplicate') return;
    // Explain against the state that refused the event: another click (or replica) may have decided it since `view` was read.
    const current = (await deps.runtime.get<ElevationContext>(view.row.id))?.context ?? view.context;
    const reason = result.reason === 'closed' ? closedSentence(current) : explainRefusal(current, event);
    return { text: reason ?? 'That request cannot take that action now.', ephemeral: true };
  }

  async function load(requestId: string): Promise<WorkflowView<ElevationContext>> {
    const view = await deps.runtime.get<ElevationContext>(requestId.toUpperCase());
    if (!view || view.row.kind !== ELEVATION_KIND) throw new BreakglassError('workflow.not_found', `There is no elevation request ${requestId.slice(0, 40)}.`);
    return view;
  }

  const elevate: CommandHandler = async (command, ctx) => {
    const c = command as Cmd<'elevate'>;
    const requesterId = ctx.actor.entraObjectId;
    if (!requesterId) throw unmappedError();
    const now = deps.clock.now();
    const role = await resolveRole(c.role);
    const policy = role ? await policyFor(role) : undefined;
    const pimPolicy = role ? await deps.graph.rolePolicy(role.id).catch(() => undefined) : undefined;
    const eligibility = await deps.graph.eligibilityInstances(requesterId);
    // Best effort: if it cannot be read, Graph still refuses a duplicate grant (RoleAssignmentExists) and the card says so.
    const activeAssignments = role ? await deps.graph.assignmentInstances({ principalId: requesterId, roleDefinitionId: role.id }).catch(() => []) : [];
    const open = await deps.runtime.listSummaries<ElevationSummary>(ELEVATION_KIND, 'active');
    const validation = validateElevationRequest({
      request: { roleName: c.role, justification: c.justification, ...(c.durationMs ? { durationMs: c.durationMs } : {}), ...(c.ticket ? { ticket: c.ticket } : {}) },
      requesterId,
      role,
      policy,
      ...(pimPolicy ? { pimPolicy } : {}),
      eligibility,
      activeAssignments,
      existing: open.map((v) => asExistingElevation(v.summary)).filter((e): e is NonNullable<typeof e> => !!e),
      at: now,
      pimMfaEvidenceMinutes: deps.config.elevation.pimMfaEvidenceMinutes,
    });
    if (!validation.ok) return { text: messageToText(requestRefusedMessage(c.role, validation.problems)), ephemeral: true };

    const personKey = personKeyOf(deps.config, requesterId);
    const id = idFromDelivery('EL', ctx.event.deliveryKey);
    const input: ElevationInput = {
      requestId: id,
      mode: validation.policy.grantMode,
      requester: { id: requesterId, name: ctx.who.name, person: personKey ?? `${ctx.actor.platform}:${ctx.actor.platformUserId}` },
      role: { id: validation.role.id, displayName: validation.role.displayName },
      durationMs: validation.durationMs,
      justification: c.justification,
      ...(c.ticket ? { ticket: c.ticket } : {}),
      approvalsRequired: validation.policy.approvalsRequired,
      ...(await elevationAudience(deps)),
      ...(validation.policy.requireRecentMfaMinutes ? { requireRecentMfaMinutes: validation.policy.requireRecentMfaMinutes } : {}),
      ...(validation.policy.highRisk ? { highRisk: true } : {}),
      ...(validation.policy.mfaForPimActivation ? { mfaForPimActivation: true } : {}),
      requestedAt: now,
      ...(await requesterRisk(deps.graph, deps.config, requesterId, now).then((r) => (r ? { riskContext: r } : {}))),
      ...(await alertsAbout(deps.runtime, requesterId, now).then((a) => (a.length > 0 ? { requesterAlerts: a } : {}))),
    };
    try {
      await deps.runtime.start(ELEVATION_KIND, id, input, { actor: auditActor(ctx), home: ctx.event.place, auditType: 'elevation.requested' });
    } catch (err) {
      if (isBreakglassError(err) && err.code === 'workflow.conflict') return;
      throw err;
    }
    return { text: `Request ${id} for ${validation.role.displayName} is with the approvers.`, ephemeral: true };
  };

  const revoke: CommandHandler = async (command, ctx) => {
    const view = await load((command as Cmd<'revoke'>).requestId);
    await requireRequesterOr(view, ctx, ['approver', 'admin'], 'revoke this elevation');
    // A typed command is answered in one line; the card changes too, but may be far up the channel.
    return (await send(view, { type: 'revoke', actor: ctx.who, at: deps.clock.now() }, ctx)) ?? { text: `Request ${view.row.id} (${view.context.role.displayName}) is being revoked.`, ephemeral: true };
  };

  const elevations: CommandHandler = async () => {
    const open = await deps.runtime.listSummaries<ElevationSummary>(ELEVATION_KIND, 'active');
    const live = open.map((v) => v.summary).filter((c) => standingOf(c) !== 'closed');
    return { text: messageToText(elevationsList(live, deps.clock.now())), ephemeral: true };
  };

  async function requireRequesterOr(view: WorkflowView<ElevationContext>, ctx: RequestContext, roles: Role[], what: string): Promise<void> {
    if (ctx.actor.entraObjectId && ctx.actor.entraObjectId.toLowerCase() === view.context.requester.id.toLowerCase()) return;
    await requireRole(deps, ctx, roles, what, view.row.id);
  }

  const action: ActionHandler = async (action, ctx) => {
    if (action.actionId === 'elevation.open-pim') return; // a link button; Slack still reports the click
    const spec = BUTTON_ROLES[action.actionId];
    if (!spec) throw new BreakglassError('command.unknown', 'That button is not one of mine any more.');
    const view = await load(decodeButtonValue(action.value).workflowId);
    if (spec.roles === 'requester-or') await requireRequesterOr(view, ctx, spec.event === 'recheck-mfa' ? ['approver'] : ['approver', 'admin'], spec.what);
    else await requireRole(deps, ctx, spec.roles, spec.what, view.row.id);
    const at = deps.clock.now();
    const event: ElevationUserEvent =
      spec.event === 'deny'
        ? { type: 'deny', actor: ctx.who, at, reason: action.inputs?.reason?.trim() ?? '' }
        : spec.event === 'approve' && action.inputs?.reason?.trim()
          ? { type: 'approve', actor: ctx.who, at, reason: action.inputs.reason.trim().slice(0, 500) }
          : ({ type: spec.event, actor: ctx.who, at } as ElevationUserEvent);
    const refused = await send(view, event, ctx);
    return refused ?? (event.type === 'nudge' ? { text: `The approvers of ${view.row.id} were reminded.`, ephemeral: true } : undefined);
  };

  return { commands: { elevate, revoke, elevations } as Partial<Record<ParsedCommand['name'], CommandHandler>>, action };
}
