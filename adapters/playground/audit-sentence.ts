import type { AuditEntry } from '../../bot/ports/storage';

/**
 * The playground's audit panel reads as sentences ("Bob Admin confirmed the
 * emergency account checkout"); the plumbing (effects run, state changes,
 * timers) is hidden behind a toggle. This is wording for people trying the
 * bot, not a second audit format: the entry itself is unchanged in storage.
 */
export interface AuditLine {
  sentence: string;
  /** Runtime bookkeeping rather than something a person or the monitor did. */
  plumbing: boolean;
}

type Data = Record<string, unknown>;
type Describe = (who: string, data: Data, entry: AuditEntry) => string;

const PLUMBING = /^(effect\.|workflow\.(state|timer|event)|.*\.ignored$)/;

function field(data: unknown, ...path: string[]): string | undefined {
  let at: unknown = data;
  for (const key of path) at = at && typeof at === 'object' ? (at as Data)[key] : undefined;
  return typeof at === 'string' || typeof at === 'number' ? String(at) : undefined;
}

function minutes(ms: string | undefined): string {
  const n = Number(ms);
  if (!Number.isFinite(n) || n <= 0) return '';
  const m = Math.round(n / 60_000);
  return m % 60 === 0 ? ` for ${m / 60} h` : ` for ${m} min`;
}

const SENTENCES: Record<string, Describe> = {
  'breakglass.started': (who, d, e) => `${who} opened incident ${e.workflowId ?? ''}${field(d, 'input', 'summary') ? `: ${field(d, 'input', 'summary')}` : ''}.`,
  'breakglass.checkout.request': (who, d) => `${who} chose ${field(d, 'event', 'upn') ?? 'an emergency account'}; a second responder must confirm.`,
  'breakglass.checkout.confirm': (who) => `${who} confirmed the emergency account checkout.`,
  'breakglass.ack': (who) => `${who} acknowledged the page.`,
  'breakglass.close': (who, _d, e) => `${who} closed incident ${e.workflowId ?? ''}.`,
  'elevation.requested': (who, d) => `${who} asked for ${field(d, 'input', 'role', 'displayName') ?? 'a role'}${minutes(field(d, 'input', 'durationMs'))}.`,
  'elevation.approve': (who, _d, e) => `${who} approved request ${e.workflowId ?? ''}.`,
  'elevation.deny': (who, _d, e) => `${who} denied request ${e.workflowId ?? ''}.`,
  'elevation.revoke': (who, _d, e) => `${who} revoked elevation ${e.workflowId ?? ''}.`,
  'elevation.withdraw': (who, _d, e) => `${who} withdrew request ${e.workflowId ?? ''}.`,
  'monitor.alert.opened': (_who, d) => `Monitoring raised an alert: ${ruleAndSubject(field(d, 'input', 'dedupeKey'))}.`,
  'monitor.finding': (_who, d) => `Monitoring found ${ruleAndSubject(field(d, 'event', 'finding', 'dedupeKey'))}.`,
  'monitor.blind': () => 'Monitoring cannot read the logs.',
  'alert.ack': (who) => `${who} acknowledged an alert.`,
  'authz.denied': (who, d) => `${who} was refused${field(d, 'reason') ? `: ${field(d, 'reason')}` : '.'}`,
};

/** "signin.unapproved-location|adm-bob@contoso.com|ru" → "unapproved location (adm-bob@contoso.com)" */
function ruleAndSubject(key: string | undefined): string {
  if (!key) return 'something to look at';
  const [rule = '', subject] = key.split('|');
  const name = rule.replace(/^[a-z]+\./, '').replace(/-/g, ' ');
  return subject ? `${name} (${subject})` : name;
}

export function auditLine(entry: AuditEntry, who: string): AuditLine {
  const data = entry.data;
  const describe = SENTENCES[entry.type];
  if (describe) return { sentence: describe(who, data, entry), plumbing: false };
  if (PLUMBING.test(entry.type)) return { sentence: `${entry.type} ${entry.workflowId ?? ''}`.trim(), plumbing: true };
  // A step of the checklist or any other event a person caused: name it plainly.
  const step = /^breakglass\.(.+)$/.exec(entry.type)?.[1];
  if (step) return { sentence: `${who}: ${step.replace(/[._]/g, ' ')} on ${entry.workflowId ?? 'the incident'}.`, plumbing: false };
  return { sentence: `${who}: ${entry.type.replace(/[._]/g, ' ')}.`, plumbing: false };
}
