import type { Domain } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { collectAll, type GraphPage } from '../paging';
import { toDomain, type Wire } from '../record-mappers';

/** The tenant's domains and whether each is Managed or Federated (AD FS). */
export function domains(deps: GraphDeps): Promise<Domain[]> {
  return collectAll(
    deps,
    { op: 'domains', feature: 'domains' },
    () => deps.client.api('/domains').select(['id', 'authenticationType', 'isDefault', 'isVerified']).get() as Promise<GraphPage<Wire<Domain>>>,
    toDomain,
  );
}
