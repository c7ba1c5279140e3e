import { decodeButtonValue, encodeButtonValue } from '../../kinds/button-value';

/**
 * Break-glass buttons carry the incident id, then any extra parts after '|'
 * (an account UPN, a step number, yes/no). UPNs and ids never contain '|'.
 */
export const BREAK_GLASS_ACTIONS = {
  ack: 'breakglass.ack',
  playbook: 'breakglass.playbook',
  checkout: 'breakglass.checkout',
  confirm: 'breakglass.confirm',
  support: 'breakglass.support',
  adfs: 'breakglass.adfs',
  done: 'breakglass.done',
  retry: 'breakglass.retry',
  export: 'breakglass.export',
} as const;

export const buttonValue = encodeButtonValue;

export function parseButtonValue(value: string): { incidentId: string; parts: string[] } {
  const { workflowId, parts } = decodeButtonValue(value);
  return { incidentId: workflowId, parts };
}

/** Marks the part of an Acknowledge value that names the paged person (a config people key). */
const PAGED_PREFIX = 'to:';

/** An Acknowledge button bound to the one person the page was sent to. */
export function pageButtonValue(incidentId: string, person: string): string {
  return buttonValue(incidentId, `${PAGED_PREFIX}${person}`);
}

/** The person an Acknowledge value is bound to; undefined for old buttons that carry only the incident id. */
export function pagedPersonOf(value: string): string | undefined {
  const bound = parseButtonValue(value).parts.find((p) => p.startsWith(PAGED_PREFIX));
  return bound === undefined ? undefined : bound.slice(PAGED_PREFIX.length);
}
