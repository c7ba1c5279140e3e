/**
 * Slack channel names: lowercase letters, digits, `-` and `_`, at most 80
 * characters. Anything else in an incident title becomes a hyphen.
 */
export function incidentChannelName(raw: string): string {
  const name = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80)
    .replace(/[-_]+$/, '');
  return name === '' ? 'incident' : name;
}

/** The name to try after `name_taken`: same prefix, numbered suffix, still within 80. */
export function numberedChannelName(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, 80 - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
}
