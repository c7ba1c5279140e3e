import { createStringPool, type StringPool } from './string-pool';
import { compareTimes, MAX_RECORD_IDS, RISK_ORDER, type Finding, type FindingWhere, type RiskLevel } from './finding';

/**
 * Findings that share a dedupeKey, folded into one line: how the offline
 * analyzer prints them and how the alert layer shows repeats within its
 * cooldown. Memory grows with distinct patterns, not with records.
 */
export interface FindingGroup {
  dedupeKey: string;
  ruleId: string;
  riskLevel: RiskLevel;
  title: string;
  subject: string;
  subjectId?: string;
  emergencyAccount: boolean;
  first: string;
  last: string;
  /** Findings folded in. */
  count: number;
  /** Records behind them. */
  recordCount: number;
  recordIds: string[];
  /** The latest finding's detail and place. */
  detail: string;
  where: FindingWhere;
  /** Distinct places seen (IPs / locations), capped. */
  ips: string[];
  locations: string[];
  /** Incident ids of declared uses the findings matched. */
  expectedUses: string[];
}

const MAX_PLACES = 20;

export interface FindingGrouper {
  add(f: Finding): void;
  groups(): FindingGroup[];
}

function addCapped(list: string[], value: string | undefined, cap: number): void {
  if (value && list.length < cap && !list.includes(value)) list.push(value);
}

/** A group holding just `f`. */
export function newGroup(f: Finding): FindingGroup {
  const g: FindingGroup = {
    dedupeKey: f.dedupeKey,
    ruleId: f.ruleId,
    riskLevel: f.riskLevel,
    title: f.title,
    subject: f.subject,
    emergencyAccount: f.emergencyAccount,
    first: f.when,
    last: f.until ?? f.when,
    count: 0,
    recordCount: 0,
    recordIds: [],
    detail: f.detail,
    where: f.where,
    ips: [],
    locations: [],
    expectedUses: [],
  };
  if (f.subjectId) g.subjectId = f.subjectId;
  addToGroup(g, f);
  return g;
}

/** Folds `f` into `g` in place (the grouper's hot path: no copies per record). */
export function addToGroup(g: FindingGroup, f: Finding): void {
  const last = f.until ?? f.when;
  g.count++;
  g.recordCount += f.recordCount;
  for (const id of f.recordIds) addCapped(g.recordIds, id, MAX_RECORD_IDS);
  if (compareTimes(f.when, g.first) < 0) g.first = f.when;
  if (compareTimes(last, g.last) >= 0) {
    g.last = last;
    g.detail = f.detail;
    g.where = f.where;
  }
  addCapped(g.ips, f.where.ip, MAX_PLACES);
  addCapped(g.locations, f.where.location, MAX_PLACES);
  addCapped(g.expectedUses, f.expectedUse, MAX_PLACES);
}

/** The pure form for machine contexts: a new group, `g` untouched. */
export function foldFinding(g: FindingGroup | undefined, f: Finding): FindingGroup {
  if (!g) return newGroup(f);
  const copy: FindingGroup = { ...g, recordIds: [...g.recordIds], ips: [...g.ips], locations: [...g.locations], expectedUses: [...g.expectedUses] };
  addToGroup(copy, f);
  return copy;
}

export function createFindingGrouper(): FindingGrouper {
  const byKey = new Map<string, FindingGroup>();
  const pooled = createStringPool();
  return {
    add(f) {
      const g = byKey.get(f.dedupeKey);
      if (g) addToGroup(g, pooledFinding(f, pooled));
      else byKey.set(pooled(f.dedupeKey), newGroup(pooledFinding(f, pooled)));
    },
    groups() {
      return [...byKey.values()].sort(
        (a, b) => Number(b.emergencyAccount) - Number(a.emergencyAccount) || RISK_ORDER[a.riskLevel] - RISK_ORDER[b.riskLevel] || compareTimes(a.first, b.first) || (a.dedupeKey < b.dedupeKey ? -1 : 1),
      );
    },
  };
}

/** `f` with the strings a group keeps taken from the pool (record ids are unique, so they are left as they are). */
function pooledFinding(f: Finding, pooled: StringPool): Finding {
  const where: FindingWhere = {};
  for (const [k, v] of Object.entries(f.where) as Array<[keyof FindingWhere, string | undefined]>) if (v !== undefined) where[k] = pooled(v);
  const out: Finding = { ...f, title: pooled(f.title), detail: pooled(f.detail), subject: pooled(f.subject), dedupeKey: pooled(f.dedupeKey), where };
  if (f.subjectId) out.subjectId = pooled(f.subjectId);
  return out;
}

export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const g = createFindingGrouper();
  for (const f of findings) g.add(f);
  return g.groups();
}
