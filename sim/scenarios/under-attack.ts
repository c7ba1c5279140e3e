import { auditUser, makeAudit, otherTarget, roleNameProperty, roleTarget, userTarget } from '../audit-factory';
import { PEOPLE, personId, userId, type PersonKey } from '../contoso-directory';
import { homeIp, signInAtHome } from '../background-activity';
import { addInboxRule, inboxRule, recipient } from '../inbox-rules';
import type { GraphDirectoryAudit, GraphSignIn } from '../graph-shapes';
import { ROLE } from '../role-definitions';
import { DAY, MINUTE, iso, lastNight } from '../scenario-time';
import { nameUuid, type Random } from '../seeded-random';
import { makeSignIn, type SignInSpec } from '../sign-in-factory';
import { assignmentInstance, eligibilityInstance, type TenantData } from '../tenant-data';
import { pimActivation } from './quiet';

/**
 * The attack, on top of the quiet records. N = the simulator clock at start;
 * NIGHT = the most recent 02:40 UTC at least 15 minutes before N. Ids are fixed
 * (UNDER_ATTACK_IDS) whatever the seed.
 *
 * Sign-ins (attacker IPs 185.220.101.10-14, Moscow RU, "Python Requests" client, unmanaged):
 *   spray*           50126 password spray, N-95m .. N-80m, one a minute in this order:
 *                    adm-alice x6 (sprayAlice1..6), adm-bob x2, adm-carol x2, adm-dave x2, erin x2, adm-grace x2
 *   lockoutDave      50053 adm-dave locked out, N-74m
 *   caBlockBob       53003 adm-bob blocked by Conditional Access (conditionalAccessStatus failure), N-70m
 *   mfaInterruptCarol 50074 adm-carol strong auth required (interrupt), N-66m
 *   mfaFailedCarol   500121 adm-carol failed strong auth, additionalDetails "The user didn't complete the MFA prompt.", N-65m
 *   mfaDeniedAlice   500121 adm-alice, additionalDetails "MFA denied; user declined the authentication", N-60m
 *   disabledHenry    50057 adm-henry (disabled account), N-55m
 *   newCountryBob    success adm-bob from São Paulo, BR (177.54.150.20), unknown unmanaged device,
 *                    riskLevelDuringSignIn medium, riskState atRisk, riskEventTypes_v2 [unfamiliarFeatures], N-50m
 *   legacyImapDave   success adm-dave, clientAppUsed IMAP4, app Office 365 Exchange Online, from 185.220.101.11 RU, N-40m
 *   breakGlassBg01   success bg-01@contoso.onmicrosoft.com, Azure Portal, Redmond US, N-30m
 *   nightErin        success erin@contoso.com at NIGHT (02:40 UTC), her usual place and device
 *   bg-02's last (drill) sign-in is about 120 days old (quiet: 30 days)
 * Directory audits:
 *   outsidePimFrank  NIGHT+12m "Add member to role outside of PIM (permanent)", PIM/RoleManagement,
 *                    by erin, target frank@contoso.com, role Global Administrator
 *   eligibleFrank    NIGHT+14m "Add eligible member to role in PIM completed (permanent)", by erin,
 *                    frank -> Privileged Role Administrator
 *   pimMfaOff        NIGHT+16m "Update role setting in PIM", by erin, role Global Administrator,
 *                    resultReason "MFA on activation disabled" (the GA policy now lacks MultiFactorAuthentication)
 *   pimAlertOff      NIGHT+18m "Disable PIM alert", by erin
 *   bobRequest (roleAssignmentScheduleRequest selfActivate, Provisioned) and audits
 *   bobRequested / bobApproved / bobActivated  N-52m / N-48m / N-48m adm-bob activates Global Administrator
 *                    (PT1H, approved by erin); bob stays active until N+12m, then it expires
 *   bobAuthMethod    N-47m "User registered security info" (Authentication Methods), adm-bob for himself
 *   bg02PasswordReset N-45m "Reset user password" by adm-bob, target bg-02 (an emergency account)
 * Inbox rules (step 7; adm-alice's folder rule of every scenario is the near miss):
 *   adm-bob    "." forwards everything to collect@proton.example, marks it read and moves it to RSS Feeds
 *   adm-dave   "Backup" redirects mail with "invoice" in the subject to dave.backup@outlook.example
 *   adm-grace  "Old forward", disabled, forwards as attachment to grace@fabrikam.com
 *   adm-carol  "To my working mailbox" forwards to carol@contoso.com, inside the tenant (what Microsoft
 *              advises for admin accounts: listed, not marked as leaving the organisation)
 * State: frank holds permanent Global Administrator and is eligible for Privileged Role Administrator;
 * the guest lee_fabrikam.com#EXT# holds permanent Security Administrator; Global Administrator's PIM
 * setting no longer requires MFA on activation.
 */
const spray = (who: string, i: number): string => nameUuid(`under-attack/spray-${who}-${i}`);

export const UNDER_ATTACK_IDS = {
  sprayAlice1: spray('alice', 1),
  sprayAlice2: spray('alice', 2),
  sprayAlice3: spray('alice', 3),
  sprayAlice4: spray('alice', 4),
  sprayAlice5: spray('alice', 5),
  sprayAlice6: spray('alice', 6),
  sprayBob1: spray('bob', 1),
  sprayBob2: spray('bob', 2),
  sprayCarol1: spray('carol', 1),
  sprayCarol2: spray('carol', 2),
  sprayDave1: spray('dave', 1),
  sprayDave2: spray('dave', 2),
  sprayErin1: spray('erin', 1),
  sprayErin2: spray('erin', 2),
  sprayGrace1: spray('grace', 1),
  sprayGrace2: spray('grace', 2),
  lockoutDave: nameUuid('under-attack/lockout-dave'),
  caBlockBob: nameUuid('under-attack/ca-block-bob'),
  mfaInterruptCarol: nameUuid('under-attack/mfa-interrupt-carol'),
  mfaFailedCarol: nameUuid('under-attack/mfa-failed-carol'),
  mfaDeniedAlice: nameUuid('under-attack/mfa-denied-alice'),
  disabledHenry: nameUuid('under-attack/disabled-henry'),
  newCountryBob: nameUuid('under-attack/new-country-bob'),
  legacyImapDave: nameUuid('under-attack/legacy-imap-dave'),
  breakGlassBg01: nameUuid('under-attack/break-glass-bg01'),
  nightErin: nameUuid('under-attack/night-erin'),
  outsidePimFrank: `PIM_${nameUuid('under-attack/outside-pim-frank')}`,
  eligibleFrank: `PIM_${nameUuid('under-attack/eligible-frank')}`,
  pimMfaOff: `PIM_${nameUuid('under-attack/pim-mfa-off')}`,
  pimAlertOff: `PIM_${nameUuid('under-attack/pim-alert-off')}`,
  bobRequest: nameUuid('under-attack/bob-ga-request'),
  bobRequested: `PIM_${nameUuid('under-attack/bob-ga-requested')}`,
  bobApproved: `PIM_${nameUuid('under-attack/bob-ga-approved')}`,
  bobActivated: `PIM_${nameUuid('under-attack/bob-ga-activated')}`,
  bobAuthMethod: `Directory_${nameUuid('under-attack/bob-auth-method')}`,
  bg02PasswordReset: `Directory_${nameUuid('under-attack/bg02-password-reset')}`,
} as const;

/** Spray order: one attempt a minute from N-95m, in this order. */
const SPRAY: ReadonlyArray<[keyof typeof UNDER_ATTACK_IDS, PersonKey]> = [
  ['sprayAlice1', 'alice'], ['sprayAlice2', 'alice'], ['sprayAlice3', 'alice'], ['sprayAlice4', 'alice'], ['sprayAlice5', 'alice'], ['sprayAlice6', 'alice'],
  ['sprayBob1', 'bob'], ['sprayBob2', 'bob'], ['sprayCarol1', 'carol'], ['sprayCarol2', 'carol'], ['sprayDave1', 'dave'], ['sprayDave2', 'dave'],
  ['sprayErin1', 'erin'], ['sprayErin2', 'erin'], ['sprayGrace1', 'grace'], ['sprayGrace2', 'grace'],
];

const MOSCOW = { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 };
const ATTACKER_DEVICE = { deviceId: '', displayName: null, operatingSystem: '', browser: 'Python Requests 2.31', isCompliant: false, isManaged: false, trustType: null };

function attackerSignIn(rng: Random, id: string, who: PersonKey, at: number, ipSuffix: number, extra: Partial<SignInSpec>): GraphSignIn {
  const p = PEOPLE[who];
  return makeSignIn({
    id,
    correlationId: rng.uuid(),
    at: iso(at),
    user: { id: personId(p), upn: p.upn, displayName: p.displayName },
    app: 'officeHome',
    ip: `185.220.101.${ipSuffix}`,
    location: MOSCOW,
    device: ATTACKER_DEVICE,
    mfa: false,
    ...extra,
  });
}

function attackSignIns(now: number, rng: Random): GraphSignIn[] {
  const N = now;
  const ids = UNDER_ATTACK_IDS;
  const out: GraphSignIn[] = [];
  SPRAY.forEach(([key, who], i) => {
    out.push(attackerSignIn(rng, ids[key], who, N - 95 * MINUTE + i * MINUTE, 10 + (i % 5), { errorCode: 50126 }));
  });
  out.push(attackerSignIn(rng, ids.lockoutDave, 'dave', N - 74 * MINUTE, 11, { errorCode: 50053 }));
  out.push(
    attackerSignIn(rng, ids.caBlockBob, 'bob', N - 70 * MINUTE, 12, {
      errorCode: 53003,
      conditionalAccessStatus: 'failure',
      appliedConditionalAccessPolicies: [
        { id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', displayName: 'Block sign-ins from outside allowed countries', enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'failure' },
      ],
    }),
  );
  out.push(attackerSignIn(rng, ids.mfaInterruptCarol, 'carol', N - 66 * MINUTE, 13, { errorCode: 50074 }));
  out.push(attackerSignIn(rng, ids.mfaFailedCarol, 'carol', N - 65 * MINUTE, 13, { errorCode: 500121, additionalDetails: "The user didn't complete the MFA prompt." }));
  out.push(attackerSignIn(rng, ids.mfaDeniedAlice, 'alice', N - 60 * MINUTE, 10, { errorCode: 500121, additionalDetails: 'MFA denied; user declined the authentication' }));
  out.push(attackerSignIn(rng, ids.disabledHenry, 'henry', N - 55 * MINUTE, 14, { errorCode: 50057 }));
  const bob = PEOPLE.bob;
  out.push(
    makeSignIn({
      id: ids.newCountryBob,
      correlationId: rng.uuid(),
      at: iso(N - 50 * MINUTE),
      user: { id: personId(bob), upn: bob.upn, displayName: bob.displayName },
      app: 'azurePortal',
      ip: '177.54.150.20',
      location: { city: 'São Paulo', state: 'São Paulo', country: 'BR', lat: -23.5505, lon: -46.6333 },
      device: { deviceId: '', displayName: null, operatingSystem: 'Windows 10', browser: 'Chrome 119.0.0', isCompliant: false, isManaged: false, trustType: null },
      risk: { level: 'medium', state: 'atRisk', eventTypes: ['unfamiliarFeatures'] },
      mfa: true,
    }),
  );
  out.push(attackerSignIn(rng, ids.legacyImapDave, 'dave', N - 40 * MINUTE, 11, { app: 'exchangeOnline', clientAppUsed: 'IMAP4', device: { ...ATTACKER_DEVICE, browser: '' } }));
  const bg01 = PEOPLE.bg01;
  out.push(
    makeSignIn({
      id: ids.breakGlassBg01,
      correlationId: rng.uuid(),
      at: iso(N - 30 * MINUTE),
      user: { id: personId(bg01), upn: bg01.upn, displayName: bg01.displayName },
      app: 'azurePortal',
      ip: homeIp(bg01, rng),
      location: { city: bg01.home.city, state: bg01.home.state, country: bg01.home.country, lat: bg01.home.lat, lon: bg01.home.lon },
      device: { deviceId: '', displayName: null, operatingSystem: 'Windows 11', browser: 'Edge 120.0.0', isCompliant: false, isManaged: false, trustType: null },
      mfa: true,
    }),
  );
  const erin = PEOPLE.erin;
  out.push(signInAtHome(erin, lastNight(N), rng, { id: ids.nightErin }));
  return out;
}

function attackAudits(now: number, rng: Random, data: TenantData): GraphDirectoryAudit[] {
  const ids = UNDER_ATTACK_IDS;
  const night = lastNight(now);
  const erin = PEOPLE.erin;
  const frank = PEOPLE.frank;
  const bob = PEOPLE.bob;
  const bg02 = PEOPLE.bg02;
  const byErin = { user: auditUser(personId(erin), erin.displayName, erin.upn, homeIp(erin, rng)) };
  const byBob = { user: auditUser(personId(bob), bob.displayName, bob.upn, '177.54.150.20') };
  const ga = 'Global Administrator';
  const audits: GraphDirectoryAudit[] = [
    makeAudit({
      id: ids.outsidePimFrank,
      correlationId: rng.uuid(),
      at: iso(night + 12 * MINUTE),
      activity: 'Add member to role outside of PIM (permanent)',
      category: 'RoleManagement',
      service: 'PIM',
      by: byErin,
      targets: [roleTarget(ROLE.globalAdministrator, ga, [roleNameProperty(ga)]), userTarget(personId(frank), frank.displayName, frank.upn)],
    }),
    makeAudit({
      id: ids.eligibleFrank,
      correlationId: rng.uuid(),
      at: iso(night + 14 * MINUTE),
      activity: 'Add eligible member to role in PIM completed (permanent)',
      category: 'RoleManagement',
      service: 'PIM',
      by: byErin,
      targets: [roleTarget(ROLE.privilegedRoleAdministrator, 'Privileged Role Administrator', [roleNameProperty('Privileged Role Administrator')]), userTarget(personId(frank), frank.displayName, frank.upn)],
    }),
    makeAudit({
      id: ids.pimMfaOff,
      correlationId: rng.uuid(),
      at: iso(night + 16 * MINUTE),
      activity: 'Update role setting in PIM',
      category: 'RoleManagement',
      service: 'PIM',
      operationType: 'Update',
      resultReason: 'MFA on activation disabled',
      by: byErin,
      targets: [
        roleTarget(ROLE.globalAdministrator, ga, [
          roleNameProperty(ga),
          { displayName: 'Enablement_EndUser_Assignment.enabledRules', oldValue: '["MultiFactorAuthentication","Justification"]', newValue: '["Justification"]' },
        ]),
      ],
    }),
    makeAudit({
      id: ids.pimAlertOff,
      correlationId: rng.uuid(),
      at: iso(night + 18 * MINUTE),
      activity: 'Disable PIM alert',
      category: 'RoleManagement',
      service: 'PIM',
      operationType: 'Update',
      by: byErin,
      targets: [otherTarget(nameUuid('pim-alert/roles-assigned-outside-pim'), 'Roles are being assigned outside of Privileged Identity Management', 'Other')],
    }),
    makeAudit({
      id: ids.bobAuthMethod,
      correlationId: rng.uuid(),
      at: iso(now - 47 * MINUTE),
      activity: 'User registered security info',
      category: 'UserManagement',
      service: 'Authentication Methods',
      resultReason: 'User registered Authenticator App with Notification and Code',
      by: byBob,
      targets: [userTarget(personId(bob), bob.displayName, bob.upn)],
    }),
    makeAudit({
      id: ids.bg02PasswordReset,
      correlationId: rng.uuid(),
      at: iso(now - 45 * MINUTE),
      activity: 'Reset user password',
      category: 'UserManagement',
      service: 'Core Directory',
      operationType: 'Update',
      by: byBob,
      targets: [userTarget(personId(bg02), bg02.displayName, bg02.upn)],
    }),
  ];
  const activation = pimActivation('under-attack/bob-ga', 'bob', 'erin', ROLE.globalAdministrator, ga, now - 52 * MINUTE, 'Urgent: restore mail flow', rng);
  data.requests.push(activation.request);
  data.assignments.push(assignmentInstance(userId('bob'), ROLE.globalAdministrator, iso(activation.activatedAt), iso(activation.endsAt), 'Activated', 'under-attack/bob-ga'));
  return [...audits, ...activation.audits];
}

export function addUnderAttackRecords(data: TenantData, now: number, rng: Random): void {
  for (const record of attackSignIns(now, rng)) data.signIns.push({ record, visibleAt: Date.parse(record.createdDateTime) });
  for (const record of attackAudits(now, rng, data)) data.audits.push({ record, visibleAt: Date.parse(record.activityDateTime) });
  const night = lastNight(now);
  data.assignments.push(assignmentInstance(userId('frank'), ROLE.globalAdministrator, iso(night + 12 * MINUTE), null, 'Assigned', 'outside-pim'));
  data.eligibility.push(eligibilityInstance(userId('frank'), ROLE.privilegedRoleAdministrator, iso(night + 14 * MINUTE), null));
  data.assignments.push(assignmentInstance(userId('lee'), ROLE.securityAdministrator, iso(now - 200 * DAY), null, 'Assigned'));
  addInboxRule(data.inboxRules, 'bob', inboxRule('bob', '.', 1, { forwardTo: [recipient('collect@proton.example', 'Archive')], markAsRead: true, moveToFolder: 'AAMkRSSFeeds=', stopProcessingRules: true }));
  addInboxRule(data.inboxRules, 'dave', inboxRule('dave', 'Backup', 1, { redirectTo: [recipient('dave.backup@outlook.example')] }, { subjectContains: ['invoice'] }));
  addInboxRule(data.inboxRules, 'carol', inboxRule('carol', 'To my working mailbox', 1, { forwardTo: [recipient('carol@contoso.com', 'Carol')] }));
  addInboxRule(data.inboxRules, 'grace', inboxRule('grace', 'Old forward', 1, { forwardAsAttachmentTo: [recipient('grace@fabrikam.com', 'Grace (Fabrikam)')] }, {}, false));
}
