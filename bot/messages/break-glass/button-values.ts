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

export function buttonValue(incidentId: string, ...parts: Array<string | number>): string {
  return [incidentId, ...parts.map(String)].join('|');
}

export function parseButtonValue(value: string): { incidentId: string; parts: string[] } {
  const [incidentId = '', ...parts] = value.split('|');
  return { incidentId, parts };
}
