/**
 * Faults tests (and the admin endpoint) put on a route: throttling with a
 * Retry-After, 503/504, added latency, and a dropped connection, either before
 * the request is handled or after (the change happened but the answer is lost).
 * Each fault can be limited to a number of requests.
 */
export type Fault =
  | { kind: 'throttle'; retryAfterSeconds?: number; times?: number }
  | { kind: 'unavailable'; status?: 503 | 504; retryAfterSeconds?: number; times?: number }
  /** `after`: the change is made at once and only the answer is late (a slow response, not a slow server). */
  | { kind: 'latency'; ms: number; after?: boolean; method?: string; times?: number }
  | { kind: 'drop'; after?: boolean; times?: number };

/**
 * Route names: 'token', 'openid', 'signIns', 'directoryAudits', 'roleDefinitions',
 * 'eligibilityInstances', 'assignmentInstances', 'roleAssignments', 'assignmentRequests',
 * 'rolePolicies', 'userRegistrationDetails', 'users', 'groups', 'domains', or 'graph' (every
 * Graph route) and '*' (everything, identity included).
 */
export type RouteName = string;

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultInjector {
  private readonly faults = new Map<RouteName, ActiveFault[]>();

  inject(route: RouteName, fault: Fault): void {
    const list = this.faults.get(route) ?? [];
    list.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    this.faults.set(route, list);
  }

  clear(route?: RouteName): void {
    if (route === undefined) this.faults.clear();
    else this.faults.delete(route);
  }

  /** The faults that apply to one request (consumed), most specific route first; a fault naming a method skips other methods. */
  take(route: RouteName, isGraph: boolean, method?: string): Fault[] {
    const out: Fault[] = [];
    for (const key of [route, ...(isGraph ? ['graph'] : []), '*']) {
      const list = this.faults.get(key);
      if (!list) continue;
      for (const active of list) {
        if (active.remaining <= 0) continue;
        if ('method' in active.fault && active.fault.method !== undefined && active.fault.method !== method) continue;
        active.remaining--;
        out.push(active.fault);
      }
      this.faults.set(
        key,
        list.filter((a) => a.remaining > 0),
      );
    }
    return out;
  }
}
