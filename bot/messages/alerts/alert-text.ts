import type { FindingWhere, RiskLevel } from '../../../workflows/monitoring/finding';
import type { Tone } from '../message';

/** '2026-03-03 03:00Z': short, sortable, unambiguous at 3 a.m. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** 'first -> last', the second without its date when it is the same day. */
export function timeSpan(first: string, last?: string): string {
  if (!last || last === first) return shortTime(first);
  const a = shortTime(first);
  const b = shortTime(last);
  return `${a} -> ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}

export function whereText(where: FindingWhere): string {
  return [where.ip, where.location, where.app, where.client && where.client !== 'Browser' ? where.client : undefined, where.device].filter(Boolean).join(' · ');
}

export function riskTone(risk: RiskLevel, emergency: boolean): Tone {
  if (emergency || risk === 'High') return 'danger';
  return risk === 'Medium' ? 'warning' : 'info';
}

/** The first few ids, then how many more: a card has room for ten. */
export function idList(ids: readonly string[], total: number, shown = 10): string {
  const more = Math.max(total, ids.length) - Math.min(ids.length, shown);
  return `${ids.slice(0, shown).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
}
