import { deviceFingerprint } from '../context';
import { signInRule, type RuleMeta } from '../rule';
import { country, isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.new-device-or-location', title: 'Privileged sign-in from a new device or location', riskLevel: 'High' };

/**
 * A successful sign-in from a device or country not in the user's baseline.
 * Users without a baseline are skipped: without history nothing is "new".
 * The rule does not learn; the monitor updates baselines when people confirm.
 */
export const newDeviceOrLocation = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 0 || !isWatchedPrivileged(subject)) return undefined;
    const base = ctx.baselineFor(subject.name, subject.id);
    if (!base) return undefined;
    const news: string[] = [];
    const keys: string[] = [];
    const cc = country(r);
    // A baseline judges only what it records: countries, devices, or both.
    if (cc && base.countries.size > 0 && !base.countries.has(cc)) {
      news.push(`country ${cc}`);
      keys.push(cc);
    }
    const d = r.deviceDetail;
    const deviceId = d?.deviceId?.toLowerCase();
    const fingerprint = d && (d.operatingSystem || d.browser) ? deviceFingerprint(d.operatingSystem, d.browser) : undefined;
    // Device ids when both sides have them; otherwise the operating system and browser.
    let knownDevice = true;
    if (deviceId && base.deviceIds.size > 0) knownDevice = base.deviceIds.has(deviceId);
    else if (fingerprint && base.devices.size > 0) knownDevice = base.devices.has(fingerprint);
    if (!knownDevice) {
      news.push(deviceId ? `device ${d?.displayName || d?.deviceId}` : `device ${d?.operatingSystem ?? '?'} / ${d?.browser ?? '?'}`);
      keys.push(deviceId ?? fingerprint ?? 'device');
    }
    if (news.length === 0) return undefined;
    return signInFinding(r, ctx, subject, meta, `First sign-in from ${news.join(' and ')}.`, keys.join('+'));
  },
});
