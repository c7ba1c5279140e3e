import { auditUser, makeAudit, roleNameProperty, roleTarget, userTarget } from '../audit-factory';
import { PEOPLE, personId, userId } from '../contoso-directory';
import type { GraphAssignmentRequest, GraphDirectoryAudit, GraphSignIn } from '../graph-shapes';
import { ROLE } from '../role-definitions';
import { HOUR, MINUTE, iso, workdayMorning, workingWindows } from '../scenario-time';
import { nameUuid, type Random } from '../seeded-random';
import { makeSignIn } from '../sign-in-factory';
import { homeIp, signInAtHome, usualDevice } from '../background-activity';
import { assignmentInstance, type TenantData } from '../tenant-data';

/**
 * Records every scenario shares on top of background activity ("quiet" is
 * exactly this). Ids never depend on the seed.
 *
 * Sign-ins:
 *   QUIET_IDS.bobTypo        adm-bob 50126 (one bad password, below any sane threshold),
 *                            90 min before the end of the latest working window
 *   QUIET_IDS.bobTypoRetry   adm-bob success one minute later
 *   QUIET_IDS.bg01Drill      bg-01 success, weekday 10:00 UTC about 30 days ago (the last drill)
 *   QUIET_IDS.bg02Drill      bg-02 success at the same drill (in under-attack: about 120 days ago)
 * PIM history (Global Administrator activation of adm-alice, approved by adm-carol, already expired),
 * 2 h into the second-latest working window:
 *   QUIET_IDS.aliceRequest   roleAssignmentScheduleRequest selfActivate, status Provisioned, PT1H
 *   audits: aliceRequested "Add member to role requested (PIM activation)",
 *           aliceApproved "Add member to role request approved (PIM activation)",
 *           aliceActivated "Add member to role completed (PIM activation)",
 *           aliceExpired "Remove member from role completed (PIM activation expired)"
 */
export const QUIET_IDS = {
  bobTypo: nameUuid('quiet/bob-typo'),
  bobTypoRetry: nameUuid('quiet/bob-typo-retry'),
  bg01Drill: nameUuid('quiet/bg01-drill'),
  bg02Drill: nameUuid('quiet/bg02-drill'),
  aliceRequest: nameUuid('quiet/alice-ga-request'),
  aliceRequested: `PIM_${nameUuid('quiet/alice-ga-requested')}`,
  aliceApproved: `PIM_${nameUuid('quiet/alice-ga-approved')}`,
  aliceActivated: `PIM_${nameUuid('quiet/alice-ga-activated')}`,
  aliceExpired: `PIM_${nameUuid('quiet/alice-ga-expired')}`,
} as const;

export function drillSignIn(id: string, who: 'bg01' | 'bg02', at: number, rng: Random): GraphSignIn {
  const p = PEOPLE[who];
  return makeSignIn({
    id,
    correlationId: rng.uuid(),
    at: iso(at),
    user: { id: personId(p), upn: p.upn, displayName: p.displayName },
    app: 'azurePortal',
    ip: homeIp(p, rng),
    location: { city: p.home.city, state: p.home.state, country: p.home.country, lat: p.home.lat, lon: p.home.lon },
    device: { ...usualDevice(PEOPLE.alice), deviceId: nameUuid('device/drill-paw'), displayName: 'PAW-DRILL' },
    mfa: true,
  });
}

export function pimActivation(
  key: string,
  who: 'alice' | 'bob',
  approver: 'carol' | 'erin',
  roleId: string,
  roleName: string,
  requestedAt: number,
  justification: string,
  rng: Random,
): { request: GraphAssignmentRequest; audits: GraphDirectoryAudit[]; activatedAt: number; endsAt: number } {
  const p = PEOPLE[who];
  const a = PEOPLE[approver];
  const activatedAt = requestedAt + 4 * MINUTE;
  const endsAt = activatedAt + HOUR;
  const requestId = nameUuid(`${key}-request`);
  const request: GraphAssignmentRequest = {
    id: requestId,
    status: 'Provisioned',
    createdDateTime: iso(requestedAt),
    completedDateTime: iso(activatedAt),
    approvalId: requestId,
    customData: null,
    action: 'selfActivate',
    principalId: personId(p),
    roleDefinitionId: roleId,
    directoryScopeId: '/',
    appScopeId: null,
    isValidationOnly: false,
    targetScheduleId: requestId,
    justification,
    createdBy: { application: null, device: null, user: { id: personId(p), displayName: null } },
    scheduleInfo: { startDateTime: iso(activatedAt), recurrence: null, expiration: { type: 'afterDuration', endDateTime: null, duration: 'PT1H' } },
    ticketInfo: { ticketNumber: null, ticketSystem: null },
  };
  const byUser = auditUser(personId(p), p.displayName, p.upn, homeIp(p, rng));
  const byApprover = auditUser(personId(a), a.displayName, a.upn, homeIp(a, rng));
  const targets = [roleTarget(roleId, roleName, [roleNameProperty(roleName)]), userTarget(personId(p), p.displayName, p.upn)];
  const audit = (suffix: string, at: number, activity: string, by: typeof byUser, operationType = 'Add') =>
    makeAudit({ id: `PIM_${nameUuid(`${key}-${suffix}`)}`, correlationId: requestId, at: iso(at), activity, category: 'RoleManagement', service: 'PIM', operationType, by: { user: by }, targets, resultReason: justification });
  return {
    request,
    activatedAt,
    endsAt,
    audits: [
      audit('requested', requestedAt, 'Add member to role requested (PIM activation)', byUser),
      audit('approved', activatedAt, 'Add member to role request approved (PIM activation)', byApprover, 'Update'),
      audit('activated', activatedAt, 'Add member to role completed (PIM activation)', byUser),
    ],
  };
}

export function addQuietRecords(data: TenantData, now: number, rng: Random, options: { bg02DrillDaysAgo: number }): void {
  const windows = workingWindows(now, 7);
  const latest = windows[0];
  const earlier = windows[1] ?? latest;
  const signIns: GraphSignIn[] = [];
  if (latest) {
    const t = Math.max(latest[0] + 30 * MINUTE, latest[1] - 90 * MINUTE);
    signIns.push(signInAtHome(PEOPLE.bob, t, rng, { errorCode: 50126, id: QUIET_IDS.bobTypo }));
    signIns.push(signInAtHome(PEOPLE.bob, t + MINUTE, rng, { id: QUIET_IDS.bobTypoRetry }));
  }
  signIns.push(drillSignIn(QUIET_IDS.bg01Drill, 'bg01', workdayMorning(now, 30), rng));
  signIns.push(drillSignIn(QUIET_IDS.bg02Drill, 'bg02', workdayMorning(now, options.bg02DrillDaysAgo), rng));
  for (const record of signIns) data.signIns.push({ record, visibleAt: Date.parse(record.createdDateTime) });

  if (earlier) {
    const requestedAt = earlier[0] + 2 * HOUR;
    const activation = pimActivation('quiet/alice-ga', 'alice', 'carol', ROLE.globalAdministrator, 'Global Administrator', requestedAt, 'Quarterly review of Conditional Access policies', rng);
    data.requests.push(activation.request);
    data.assignments.push(assignmentInstance(userId('alice'), ROLE.globalAdministrator, iso(activation.activatedAt), iso(activation.endsAt), 'Activated', 'quiet/alice-ga'));
    const alice = PEOPLE.alice;
    const expired = makeAudit({
      id: QUIET_IDS.aliceExpired,
      correlationId: activation.request.id,
      at: iso(activation.endsAt),
      activity: 'Remove member from role completed (PIM activation expired)',
      category: 'RoleManagement',
      service: 'PIM',
      operationType: 'Delete',
      by: { app: { appId: null, displayName: 'MS-PIM', servicePrincipalId: null, servicePrincipalName: null } },
      targets: [roleTarget(ROLE.globalAdministrator, 'Global Administrator', [roleNameProperty('Global Administrator')]), userTarget(personId(alice), alice.displayName, alice.upn)],
    });
    for (const record of [...activation.audits, expired]) data.audits.push({ record, visibleAt: Date.parse(record.activityDateTime) });
  }
}
