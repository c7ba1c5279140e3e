import type { AlertRoute } from '../../workflows/monitoring/alert-types';
import type { Storage } from '../ports/storage';

/** The latest alert of one pattern (dedupe key, where it goes) and the time of its latest finding. */
export interface PatternCursor {
  alertId: string;
  /** Epoch ms of the newest finding folded in. */
  last: number;
}

export interface Pattern {
  tenant: string;
  dedupeKey: string;
  route: AlertRoute;
  incidentId?: string;
}

const keyOf = (p: Pattern): string => `monitor:${p.tenant}:pattern:${p.route}:${p.incidentId ?? ''}:${p.dedupeKey}`;

export async function readCursor(storage: Pick<Storage, 'getWatermark'>, pattern: Pattern): Promise<PatternCursor | undefined> {
  const raw = await storage.getWatermark(keyOf(pattern));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<PatternCursor>;
    return typeof parsed.alertId === 'string' && typeof parsed.last === 'number' ? { alertId: parsed.alertId, last: parsed.last } : undefined;
  } catch {
    return undefined; // a damaged cursor only costs one extra alert
  }
}

export async function writeCursor(storage: Pick<Storage, 'setWatermark'>, pattern: Pattern, cursor: PatternCursor): Promise<void> {
  await storage.setWatermark(keyOf(pattern), JSON.stringify(cursor));
}
