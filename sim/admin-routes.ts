import type { Clock } from '../bot/ports/clock';
import type { Fault, FaultInjector } from './fault-injector';
import { PimError, type PimEngine } from './pim-engine';
import { graphError, json, type Reply } from './reply';

export interface AdminDeps {
  faults: FaultInjector;
  pim: PimEngine;
  clock: Clock;
  describe: () => Record<string, unknown>;
}

function route(deps: AdminDeps, method: string, url: URL, body: string): Reply | undefined {
  const path = url.pathname;
  const payload = (): Record<string, unknown> => (body ? (JSON.parse(body) as Record<string, unknown>) : {});
  if (method === 'GET' && path === '/_sim') return json(200, deps.describe());
  if (path === '/_sim/faults' && method === 'POST') {
    const p = payload();
    deps.faults.inject(String(p.route ?? 'graph'), p.fault as Fault);
    return { status: 204 };
  }
  if (path === '/_sim/faults' && method === 'DELETE') {
    deps.faults.clear(url.searchParams.get('route') ?? undefined);
    return { status: 204 };
  }
  if (path === '/_sim/pim/pending' && method === 'POST') {
    const p = payload() as { principalId: string; roleDefinitionId: string; justification: string; duration?: string; ticketNumber?: string };
    return json(201, deps.pim.createPendingApproval(p));
  }
  const decide = /^\/_sim\/pim\/([^/]+)\/(approve|deny|cancel)$/.exec(path);
  if (decide && method === 'POST') {
    const id = decide[1] ?? '';
    const approver = payload().approverId as string | undefined;
    const result = decide[2] === 'approve' ? deps.pim.approve(id, approver) : decide[2] === 'deny' ? deps.pim.deny(id, approver) : deps.pim.cancel(id);
    return json(200, result);
  }
  if (path === '/_sim/clock/advance' && method === 'POST') {
    const movable = deps.clock as Clock & { advance?: (ms: number) => void };
    if (typeof movable.advance !== 'function') return graphError(409, 'Conflict', 'This simulator runs on a clock that cannot be moved.');
    movable.advance(Number(payload().ms ?? 0));
    return json(200, { now: new Date(deps.clock.now()).toISOString() });
  }
  return undefined;
}

/**
 * The simulator's own control endpoint under /_sim (no token; it only listens
 * on 127.0.0.1): GET /_sim, POST|DELETE /_sim/faults, POST /_sim/pim/pending,
 * POST /_sim/pim/{id}/approve|deny|cancel, POST /_sim/clock/advance {ms}.
 */
export function adminRoute(deps: AdminDeps, method: string, url: URL, body: string): Reply | undefined {
  try {
    return route(deps, method, url, body);
  } catch (e) {
    if (e instanceof PimError) return graphError(e.status, e.code, e.message);
    if (e instanceof SyntaxError) return graphError(400, 'BadRequest', 'The body is not valid JSON.');
    throw e;
  }
}
