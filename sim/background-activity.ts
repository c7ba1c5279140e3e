import { auditUser, makeAudit, otherTarget, userTarget } from './audit-factory';
import { PEOPLE, STAFF, personId, type PersonSpec } from './contoso-directory';
import type { GraphDirectoryAudit, GraphSignIn } from './graph-shapes';
import { type Random } from './seeded-random';
import { MINUTE, iso, workingWindows } from './scenario-time';
import { makeSignIn, type AppKey } from './sign-in-factory';
import { nameUuid } from './seeded-random';

/** Everyone's usual device: the same id every time, compliant and managed (a PAW for admins). */
export function usualDevice(p: PersonSpec): Partial<GraphSignIn['deviceDetail']> {
  const admin = p.privileged;
  return {
    deviceId: nameUuid(`device/${p.upn}`),
    displayName: admin ? `PAW-${p.key.toUpperCase()}` : `LT-${p.key.toUpperCase()}`,
    operatingSystem: admin ? 'Windows 11' : 'Windows 10',
    browser: 'Edge 120.0.0',
    isCompliant: true,
    isManaged: true,
    trustType: 'Azure AD joined',
  };
}

export function homeIp(p: PersonSpec, rng: Random): string {
  return `${p.home.ipPrefix}${rng.int(10, 250)}`;
}

export function signInAtHome(p: PersonSpec, at: number, rng: Random, overrides: { app?: AppKey; errorCode?: number; id?: string } = {}) {
  const mfaRegistered = p.mfaMethods.length > 0;
  return makeSignIn({
    id: overrides.id ?? rng.uuid(),
    correlationId: rng.uuid(),
    at: iso(at),
    user: { id: personId(p), upn: p.upn, displayName: p.displayName, userType: p.userType },
    app: overrides.app ?? (p.privileged ? 'azurePortal' : rng.pick<AppKey>(['officeHome', 'teams', 'exchangeOnline'])),
    ip: homeIp(p, rng),
    location: { city: p.home.city, state: p.home.state, country: p.home.country, lat: p.home.lat, lon: p.home.lon },
    device: usualDevice(p),
    errorCode: overrides.errorCode,
    clientAppUsed: !p.privileged && rng.chance(0.3) ? 'Mobile Apps and Desktop clients' : 'Browser',
    mfa: (overrides.errorCode ?? 0) === 0 && mfaRegistered,
  });
}

/**
 * Normal life in the tenant for the last `days` days: staff and admins signing
 * in from their usual places and devices during working hours, the odd typo by
 * staff, routine directory changes. Seeded, so the same seed gives the same log.
 * Privileged accounts only ever succeed here, from home, in hours: background
 * noise never trips a privileged-account detection.
 */
export function backgroundActivity(now: number, rng: Random, options: { days: number; skipUser?: (p: PersonSpec, at: number) => boolean }) {
  const signIns: GraphSignIn[] = [];
  const audits: GraphDirectoryAudit[] = [];
  const admins = [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol, PEOPLE.dave, PEOPLE.grace, PEOPLE.erin] as PersonSpec[];
  const everyone: PersonSpec[] = [...STAFF, PEOPLE.ivan, PEOPLE.judy, PEOPLE.frank, PEOPLE.lee];
  const skip = options.skipUser ?? (() => false);

  for (const [start, end] of workingWindows(now, options.days)) {
    const at = () => start + Math.floor(rng.next() * (end - start - 5 * MINUTE));
    for (const p of everyone) {
      if (!rng.chance(0.85)) continue;
      const count = rng.int(1, 2);
      for (let i = 0; i < count; i++) {
        const t = at();
        if (skip(p, t)) continue;
        if (rng.chance(0.08)) signIns.push(signInAtHome(p, t - MINUTE, rng, { errorCode: 50126 }));
        else if (rng.chance(0.05)) signIns.push(signInAtHome(p, t - MINUTE, rng, { errorCode: 50074 }));
        signIns.push(signInAtHome(p, t, rng));
      }
    }
    for (const p of admins) {
      const count = rng.int(1, 2);
      for (let i = 0; i < count; i++) {
        const t = at();
        if (!skip(p, t)) signIns.push(signInAtHome(p, t, rng));
      }
    }
    const carol = PEOPLE.carol;
    const changes = rng.int(2, 4);
    for (let i = 0; i < changes; i++) {
      const staff = rng.pick(STAFF);
      const t = at();
      const kind = rng.int(0, 2);
      const by = auditUser(personId(carol), carol.displayName, carol.upn, homeIp(carol, rng));
      if (kind === 0) {
        audits.push(
          makeAudit({
            id: `Directory_${rng.uuid()}`,
            correlationId: rng.uuid(),
            at: iso(t),
            activity: 'Update user',
            category: 'UserManagement',
            service: 'Core Directory',
            operationType: 'Update',
            by: { user: by },
            targets: [userTarget(personId(staff), staff.displayName, staff.upn, [{ displayName: 'JobTitle', oldValue: null, newValue: JSON.stringify([staff.jobTitle]) }])],
          }),
        );
      } else if (kind === 1) {
        audits.push(
          makeAudit({
            id: `Directory_${rng.uuid()}`,
            correlationId: rng.uuid(),
            at: iso(t),
            activity: 'Add member to group',
            category: 'GroupManagement',
            service: 'Core Directory',
            by: { user: by },
            targets: [userTarget(personId(staff), staff.displayName, staff.upn), otherTarget(nameUuid('group/All Staff'), 'All Staff', 'Group')],
          }),
        );
      } else {
        const grace = PEOPLE.grace;
        audits.push(
          makeAudit({
            id: `Directory_${rng.uuid()}`,
            correlationId: rng.uuid(),
            at: iso(t),
            activity: 'Reset user password',
            category: 'UserManagement',
            service: 'Core Directory',
            operationType: 'Update',
            by: { user: auditUser(personId(grace), grace.displayName, grace.upn, homeIp(grace, rng)) },
            targets: [userTarget(personId(staff), staff.displayName, staff.upn)],
          }),
        );
      }
    }
  }
  return { signIns, audits };
}
