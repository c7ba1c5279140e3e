/**
 * Remembers, per Graph API family, until when Graph asked the bot to stay
 * away (a Retry-After too long to wait in-process). Calls into that family
 * before then are answered locally as throttled instead of being sent:
 * retrying into a throttle only lengthens it. Families are kept apart so a
 * throttled sign-in log does not hold up a PIM grant or its revocation.
 */
export class ThrottleGate {
  private readonly until = new Map<string, number>();

  block(family: string, untilMs: number): void {
    this.until.set(family, Math.max(untilMs, this.until.get(family) ?? 0));
  }

  /** Milliseconds left before `family` may be called again (0 when open). */
  remaining(family: string, now: number): number {
    const until = this.until.get(family);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(family);
      return 0;
    }
    return until - now;
  }
}

/** '/v1.0/auditLogs/signIns?$filter=...' -> 'auditLogs'; '/beta/roleManagement/...' -> 'roleManagement'. */
export function apiFamily(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? '';
  const [, , family = ''] = path.split('/');
  return family.toLowerCase();
}

/** What Graph itself would have answered: a 429 with the time still to wait. */
export function localThrottleResponse(remainingMs: number): Response {
  const body = { error: { code: 'TooManyRequests', message: 'Microsoft Graph asked the bot to wait before calling again; not sent.' } };
  return new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(Math.ceil(remainingMs / 1000)) } });
}
