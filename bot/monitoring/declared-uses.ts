import type { BreakGlassContext } from '../../workflows/break-glass/context';
import type { DeclaredUse } from '../../workflows/monitoring/context';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';

/**
 * Emergency-account use declared (two-person confirmed) in break-glass
 * incidents. Closed incidents count too while their use could still show up
 * in the window: sign-ins arrive late, after the incident closed.
 */
export async function declaredUses(runtime: Pick<WorkflowRuntime, 'list'>, windowSince: number): Promise<DeclaredUse[]> {
  const out: DeclaredUse[] = [];
  for (const view of await runtime.list<BreakGlassContext>(BREAK_GLASS_KIND)) {
    for (const use of view.context.emergencyUse ?? []) {
      if (use.until !== undefined && use.until < windowSince) continue;
      out.push({ upn: use.upn, since: new Date(use.since).toISOString(), until: use.until === undefined ? null : new Date(use.until).toISOString(), incidentId: view.context.incidentId });
    }
  }
  return out;
}
