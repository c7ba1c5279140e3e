import type { SignIn } from '../../graph-records';
import type { RuleContext } from '../context';
import { signInRule, type RuleMeta } from '../rule';
import { country, isWatchedPrivileged, signInFinding } from '../signin-facts';

// The guide's row has no risk level; a privileged sign-in from outside the approved controls is treated as High.
const meta: RuleMeta = { id: 'signin.unapproved-location', title: 'Privileged sign-in outside approved locations, networks or devices', riskLevel: 'High' };

function deviceProblem(r: SignIn, ctx: RuleContext): string | undefined {
  const want = ctx.approvedDevices;
  if (!want) return undefined;
  const d = r.deviceDetail ?? {};
  if (want.requireCompliant && d.isCompliant !== true) return 'a device that is not compliant';
  if (want.requireManaged && d.isManaged !== true) return 'a device that is not managed';
  const os = (d.operatingSystem ?? '').toLowerCase();
  if (want.operatingSystems?.length && !want.operatingSystems.some((p) => os.startsWith(p.toLowerCase()))) return `operating system ${d.operatingSystem || 'unknown'}`;
  const browser = (d.browser ?? '').toLowerCase();
  if (want.browsers?.length && !want.browsers.some((p) => browser.startsWith(p.toLowerCase()))) return `browser ${d.browser || 'unknown'}`;
  return undefined;
}

/**
 * A sign-in (successful or not) from a country, IP range or device the
 * organisation has not approved. Empty allow-lists switch a check off.
 */
export const unapprovedLocation = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (!isWatchedPrivileged(subject)) return undefined;
    const problems: string[] = [];
    const keys: string[] = [];
    const cc = country(r);
    if (ctx.allowedCountries.size > 0 && cc && !ctx.allowedCountries.has(cc)) {
      problems.push(`country ${cc}`);
      keys.push(cc);
    }
    if (ctx.allowedIps.ranges.length > 0 && r.ipAddress && !ctx.allowedIps.contains(r.ipAddress)) {
      problems.push(`IP ${r.ipAddress}`);
      keys.push(r.ipAddress);
    }
    const device = deviceProblem(r, ctx);
    if (device) {
      problems.push(device);
      keys.push('device');
    }
    if (problems.length === 0) return undefined;
    const outcome = r.status.errorCode === 0 ? 'succeeded' : `failed (${r.status.errorCode})`;
    return signInFinding(r, ctx, subject, meta, `Sign-in ${outcome} from unapproved ${problems.join(', ')}.`, keys.join('+'));
  },
});
