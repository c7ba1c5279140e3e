/**
 * Who is paged at each escalation level, shared by every workflow kind that
 * pages people (break-glass incidents, monitoring alerts): level 0 is the
 * first manager level plus the security officers; later levels are the rest
 * of the manager chain.
 */
export interface EscalationChain {
  managers: readonly (readonly string[])[];
  securityOfficers: readonly string[];
}

export function peopleAtLevel(chain: EscalationChain, level: number): string[] {
  const managers = chain.managers[level] ?? [];
  return [...new Set(level === 0 ? [...managers, ...chain.securityOfficers] : managers)];
}

/** The next level after `level` with anyone on it, or undefined when the chain is used up. */
export function nextLevel(chain: EscalationChain, level: number): number | undefined {
  const last = Math.max(chain.managers.length, 1);
  for (let l = level + 1; l < last; l += 1) if (peopleAtLevel(chain, l).length > 0) return l;
  return undefined;
}
