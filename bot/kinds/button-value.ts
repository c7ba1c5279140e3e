/**
 * A button's value: the workflow id, then any extra parts after '|' (an
 * account UPN, a step number, a bound person). Ids, UPNs and people keys never
 * contain '|'. Every kind's buttons use this one codec, so generic code
 * (stale-card refresh, Teams' current card) finds the workflow of any click.
 */
export interface DecodedButtonValue {
  workflowId: string;
  parts: string[];
}

export function encodeButtonValue(workflowId: string, ...parts: Array<string | number>): string {
  return [workflowId, ...parts.map(String)].join('|');
}

export function decodeButtonValue(value: string): DecodedButtonValue {
  const [workflowId = '', ...parts] = value.split('|');
  return { workflowId, parts };
}
