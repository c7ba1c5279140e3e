import type { SignIn } from '../../workflows/graph-records';
import { deviceFingerprint, type RuleContext, type UserBaseline } from '../../workflows/monitoring/context';
import type { Storage } from '../ports/storage';

/** Per privileged account: where and on what it signs in. Keyed by object id (or UPN), lower-case. */
export type Baselines = Record<string, UserBaseline>;

/** Enough to know a PAW and a home country; a roaming account does not grow the row without end. */
const MAX_PER_KIND = 20;

const keyOf = (tenant: string): string => `monitor:${tenant}:baselines`;

export async function loadBaselines(storage: Pick<Storage, 'getWatermark'>, tenant: string): Promise<Baselines | undefined> {
  const raw = await storage.getWatermark(keyOf(tenant));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Baselines;
  } catch {
    return undefined; // a damaged row is relearned rather than stopping the monitor
  }
}

export async function saveBaselines(storage: Pick<Storage, 'setWatermark'>, tenant: string, baselines: Baselines): Promise<void> {
  await storage.setWatermark(keyOf(tenant), JSON.stringify(baselines));
}

function add(list: string[] | undefined, value: string | undefined): { list: string[]; changed: boolean } {
  const current = list ?? [];
  if (!value || current.includes(value)) return { list: current, changed: false };
  // The newest replace the oldest once full: where the account signs in now is what matters.
  return { list: [...current, value].slice(-MAX_PER_KIND), changed: true };
}

/**
 * Learns a successful sign-in of a privileged (not emergency) account into
 * the baselines, in place. A new device or country is reported once, by the
 * rule, before it is learned: first-seen semantics. true when something changed.
 */
export function learnSignIn(baselines: Baselines, r: SignIn, ctx: RuleContext): boolean {
  if (r.status.errorCode !== 0 || ctx.classify(r.userPrincipalName, r.userId) !== 'privileged') return false;
  const key = (r.userId || r.userPrincipalName).toLowerCase();
  if (!key) return false;
  const entry = baselines[key] ?? {};
  const d = r.deviceDetail;
  const deviceId = d?.deviceId ? d.deviceId.toLowerCase() : undefined;
  const fingerprint = d && (d.operatingSystem || d.browser) ? deviceFingerprint(d.operatingSystem, d.browser) : undefined;
  const country = r.location?.countryOrRegion ? r.location.countryOrRegion.toUpperCase() : undefined;
  const ids = add(entry.deviceIds, deviceId);
  const devices = add(entry.devices, fingerprint);
  const countries = add(entry.countries, country);
  if (!ids.changed && !devices.changed && !countries.changed && baselines[key]) return false;
  baselines[key] = { deviceIds: ids.list, devices: devices.list, countries: countries.list };
  return true;
}
