import type { BreakGlassContext } from '../../workflows/break-glass/context';
import type { DeclaredUse } from '../../workflows/monitoring/context';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';

/**
 * Emergency-account use declared (two-person confirmed) in break-glass
 * incidents. Closed incidents count too while their use could still show up
 * in the window: sign-ins arrive late, after the incident closed.
 */
export async function declaredUses(runtime: Pick<WorkflowRuntime, 'listWhere'>, windowSince: number): Promise<DeclaredUse[]> {
  const out: DeclaredUse[] = [];
  // Open incidents, and closed ones that changed inside the window: a closed incident never changes
  // again, so every use it ended did so by its last update. Old incidents are not read at all.
  const views = [
    ...(await runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, status: 'active' })),
    ...(await runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, status: 'dormant' })),
    ...(await runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, status: 'closed', updatedSince: windowSince })),
  ].sort((a, b) => a.row.createdAt - b.row.createdAt || a.row.id.localeCompare(b.row.id));
  for (const view of views) {
    for (const use of view.context.emergencyUse ?? []) {
      if (use.until !== undefined && use.until < windowSince) continue;
      out.push({ upn: use.upn, since: new Date(use.since).toISOString(), until: use.until === undefined ? null : new Date(use.until).toISOString(), incidentId: view.context.incidentId });
    }
  }
  return out;
}
