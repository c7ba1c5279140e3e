import type { MonitoringContext } from '../../workflows/monitoring/context';
import type { Config } from '../config/schema';
import { privilegedAccounts, type PrivilegedGraph, type PrivilegedSet } from '../effects/privileged-accounts';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import type { Baselines } from './baseline-store';
import { contextFromConfig } from './context-from-config';
import { declaredUses } from './declared-uses';

/**
 * What the rules know on this poll: config, who holds or is eligible for a
 * directory role right now (read fresh: holders change during an attack), accounts named like
 * admins, the break-glass use incidents declared, and the learned baselines.
 */
export async function monitorContext(
  deps: { config: Config; graph: PrivilegedGraph; runtime: Pick<WorkflowRuntime, 'listWhere'>; privilegedSet?: () => Promise<PrivilegedSet> },
  windowSince: number,
  baselines: Baselines,
): Promise<MonitoringContext> {
  const privileged = await (deps.privilegedSet ? deps.privilegedSet() : privilegedAccounts(deps.config, deps.graph));
  const uses = await declaredUses(deps.runtime, windowSince);
  const known = { privileged: [...privileged.ids].sort().map((id) => ({ id })), declaredUses: uses, baselines };
  return { ...contextFromConfig(deps.config, known), privilegedByPrefix: true };
}
