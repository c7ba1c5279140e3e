/** One line of `breakglass doctor`: what was checked, how it went, and what to do when it failed. */
export interface CheckLine {
  /** The configured part: Database, Graph, Slack, Teams. */
  part: string;
  status: 'pass' | 'fail' | 'skip';
  /** What was checked, e.g. "token" or "read sign-in logs". */
  what: string;
  /** What was found, in one sentence. Never a secret. */
  detail: string;
  /** Only on failures: the step that fixes it. */
  fix?: string;
}

export function pass(part: string, what: string, detail: string): CheckLine {
  return { part, status: 'pass', what, detail };
}

export function fail(part: string, what: string, detail: string, fix: string): CheckLine {
  return { part, status: 'fail', what, detail, fix };
}

export function skip(part: string, what: string, detail: string): CheckLine {
  return { part, status: 'skip', what, detail };
}
