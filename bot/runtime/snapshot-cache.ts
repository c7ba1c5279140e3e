import type { WorkflowRow } from '../ports/storage';
import { decodeWorkflow, type PersistedWorkflow } from './persisted-workflow';

/**
 * Decoded snapshots of recently listed workflows, keyed by id and version.
 * Every commit bumps the version (compare-and-set), so an (id, version) pair
 * names one snapshot for good; a listing of a thousand open requests that
 * did not change since the last listing then parses none of them (bench
 * workload 4: `elevations` parsed every open request on every call).
 * Entries are shared between readers: views only read them.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, { version: number; updatedAt: number; stored: PersistedWorkflow }>();

  constructor(private readonly capacity = 2_000) {}

  decode(row: WorkflowRow): PersistedWorkflow {
    const hit = this.entries.get(row.id);
    if (hit && hit.version === row.version && hit.updatedAt === row.updatedAt) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.entries.delete(row.id);
      this.entries.set(row.id, hit);
      return hit.stored;
    }
    const stored = decodeWorkflow(row.id, row.snapshot);
    this.entries.delete(row.id);
    this.entries.set(row.id, { version: row.version, updatedAt: row.updatedAt, stored });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return stored;
  }
}
