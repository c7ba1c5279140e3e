import { nameUuid } from './seeded-random';

/**
 * Who is who in the simulated tenant "Contoso". Monitoring, posture, break-glass
 * and elevation tests assert on these people, so their ids never change.
 *
 * Emergency-access ("break-glass") accounts, cloud-only, permanent Global Administrator:
 *   bg-01@contoso.onmicrosoft.com   Emergency Access 01  (FIDO2 key; drill sign-in 30 days ago)
 *   bg-02@contoso.onmicrosoft.com   Emergency Access 02  (FIDO2 key; drill sign-in 30 days ago in quiet,
 *                                                         120 days ago in under-attack)
 * Privileged administrators (the naming policy prefix is "adm-"):
 *   adm-alice@contoso.com   eligible Global Administrator + Privileged Role Administrator; responder
 *   adm-bob@contoso.com     eligible Global Administrator + Security Administrator; responder
 *   adm-carol@contoso.com   eligible User Administrator + Security Administrator; approver, on-call
 *   adm-dave@contoso.com    eligible Exchange Administrator; SYNCED from on-premises, password 140 days old
 *   adm-grace@contoso.com   eligible Helpdesk Administrator; NOT registered for MFA
 *   adm-henry@contoso.com   eligible User Administrator; account DISABLED (left the company)
 *   erin@contoso.com        the admin WITHOUT the prefix: permanent (standing) Global Administrator
 *                           + eligible Exchange Administrator; approver, on-call
 * Other people:
 *   ivan@contoso.com        CISO, security manager (escalation level 0)
 *   judy@contoso.com        IT manager (escalation level 1), approver
 *   frank@contoso.com       finance user; in under-attack he is made Global Administrator outside PIM
 *   lee_fabrikam.com#EXT#@contoso.onmicrosoft.com   guest; in under-attack holds Security Administrator
 *   24 regular staff (first.last@contoso.com) for background sign-ins
 */

export const TENANT_ID = 'b7c4e2a1-5f3d-4e8b-9a6c-0d1e2f3a4b5c';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
/** The app registration the simulator accepts (the bot's). */
export const SIM_CLIENT_ID = 'a3f0c9d2-7b1e-4c5a-8d6f-2e9b0c1d4f7a';
export const SIM_SERVICE_PRINCIPAL_ID = nameUuid('serviceprincipal/breakglass');

export interface PersonSpec {
  key: string;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  accountEnabled: boolean;
  onPremisesSyncEnabled: boolean | null;
  passwordAgeDays: number;
  userType: 'Member' | 'Guest';
  mail: string;
  /** Usual sign-in place: city, state, country, lat, lon, IP prefix. */
  home: { city: string; state: string; country: string; lat: number; lon: number; ipPrefix: string };
  mfaMethods: string[];
  privileged: boolean;
}

const home = {
  seattle: { city: 'Seattle', state: 'Washington', country: 'US', lat: 47.6062, lon: -122.3321, ipPrefix: '73.53.12.' },
  newYork: { city: 'New York', state: 'New York', country: 'US', lat: 40.7128, lon: -74.006, ipPrefix: '24.44.80.' },
  berlin: { city: 'Berlin', state: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405, ipPrefix: '91.64.33.' },
  london: { city: 'London', state: 'England', country: 'GB', lat: 51.5072, lon: -0.1276, ipPrefix: '86.12.140.' },
  dublin: { city: 'Dublin', state: 'Dublin', country: 'IE', lat: 53.3498, lon: -6.2603, ipPrefix: '89.101.22.' },
  redmond: { city: 'Redmond', state: 'Washington', country: 'US', lat: 47.674, lon: -122.1215, ipPrefix: '131.107.160.' },
} as const;

function person(
  key: string,
  upn: string,
  displayName: string,
  jobTitle: string,
  where: PersonSpec['home'],
  options: Partial<Pick<PersonSpec, 'accountEnabled' | 'onPremisesSyncEnabled' | 'passwordAgeDays' | 'userType' | 'mail' | 'mfaMethods' | 'privileged'>> = {},
): PersonSpec {
  const [givenName = displayName, surname = ''] = displayName.split(' ');
  return {
    key,
    upn,
    displayName,
    givenName,
    surname,
    jobTitle,
    accountEnabled: options.accountEnabled ?? true,
    onPremisesSyncEnabled: options.onPremisesSyncEnabled ?? null,
    passwordAgeDays: options.passwordAgeDays ?? 30,
    userType: options.userType ?? 'Member',
    mail: options.mail ?? upn,
    home: where,
    mfaMethods: options.mfaMethods ?? ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'],
    privileged: options.privileged ?? false,
  };
}

export const PEOPLE = {
  bg01: person('bg01', 'bg-01@contoso.onmicrosoft.com', 'Emergency Access 01', 'Emergency access account', home.redmond, { passwordAgeDays: 40, mfaMethods: ['fido2'], privileged: true, mail: '' }),
  bg02: person('bg02', 'bg-02@contoso.onmicrosoft.com', 'Emergency Access 02', 'Emergency access account', home.redmond, { passwordAgeDays: 60, mfaMethods: ['fido2'], privileged: true, mail: '' }),
  alice: person('alice', 'adm-alice@contoso.com', 'Alice Admin', 'Identity engineer (admin account)', home.seattle, { passwordAgeDays: 20, privileged: true }),
  bob: person('bob', 'adm-bob@contoso.com', 'Bob Admin', 'Security engineer (admin account)', home.newYork, { passwordAgeDays: 45, privileged: true }),
  carol: person('carol', 'adm-carol@contoso.com', 'Carol Admin', 'Security operations lead (admin account)', home.berlin, { passwordAgeDays: 12, privileged: true }),
  dave: person('dave', 'adm-dave@contoso.com', 'Dave Admin', 'Messaging engineer (admin account)', home.london, { onPremisesSyncEnabled: true, passwordAgeDays: 140, privileged: true }),
  grace: person('grace', 'adm-grace@contoso.com', 'Grace Admin', 'Service desk lead (admin account)', home.dublin, { passwordAgeDays: 33, mfaMethods: [], privileged: true }),
  henry: person('henry', 'adm-henry@contoso.com', 'Henry Admin', 'Former identity engineer (admin account)', home.seattle, { accountEnabled: false, passwordAgeDays: 75, privileged: true }),
  erin: person('erin', 'erin@contoso.com', 'Erin Example', 'Cloud platform lead', home.seattle, { passwordAgeDays: 25, privileged: true }),
  ivan: person('ivan', 'ivan@contoso.com', 'Ivan Ivanov', 'Chief Information Security Officer', home.newYork, { passwordAgeDays: 50 }),
  judy: person('judy', 'judy@contoso.com', 'Judy Jones', 'IT manager', home.london, { passwordAgeDays: 64 }),
  frank: person('frank', 'frank@contoso.com', 'Frank Fisher', 'Finance analyst', home.newYork, { passwordAgeDays: 88 }),
  lee: person('lee', 'lee_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'Lee (Fabrikam)', 'Consultant', home.dublin, { userType: 'Guest', mail: 'lee@fabrikam.com', passwordAgeDays: 10, mfaMethods: ['microsoftAuthenticatorPush'] }),
} as const;

export type PersonKey = keyof typeof PEOPLE;

export function userId(key: PersonKey): string {
  return nameUuid(`user/${PEOPLE[key].upn}`);
}

const STAFF_NAMES = [
  'Aaron Baker', 'Bianca Costa', 'Chen Wei', 'Dana Evans', 'Emeka Obi', 'Fatima Khan', 'Gustav Lind', 'Hana Sato',
  'Ines Moreau', 'Jonas Berg', 'Kofi Mensah', 'Laura Rossi', 'Mateo Diaz', 'Nora Hall', 'Omar Haddad', 'Priya Nair',
  'Quinn Murphy', 'Rosa Silva', 'Sven Olsen', 'Tara Quinn', 'Uma Patel', 'Victor Lopez', 'Wen Li', 'Yusuf Demir',
];

const STAFF_HOMES = [home.seattle, home.newYork, home.berlin, home.london, home.dublin];

/** Regular staff for background activity; never privileged. */
export const STAFF: readonly PersonSpec[] = STAFF_NAMES.map((name, i) => {
  const [first = '', last = ''] = name.toLowerCase().split(' ');
  const upn = `${first}.${last}@contoso.com`;
  return person(`staff${i}`, upn, name, i % 3 === 0 ? 'Sales' : i % 3 === 1 ? 'Engineering' : 'Operations', STAFF_HOMES[i % STAFF_HOMES.length] ?? home.seattle, { passwordAgeDays: 10 + ((i * 37) % 170) });
});

/**
 * `n` more staff (staff-00001@contoso.com ...), for workloads that need a
 * realistic ratio of ordinary users to admins (a benchmark's 1% privileged).
 */
export function syntheticStaff(n: number): PersonSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const key = `staff-${String(i + 1).padStart(5, '0')}`;
    return person(key, `${key}@contoso.com`, `Staff ${i + 1}`, 'Staff', STAFF_HOMES[i % STAFF_HOMES.length] ?? home.seattle, { passwordAgeDays: 10 + ((i * 37) % 170) });
  });
}

export function personId(spec: PersonSpec): string {
  return nameUuid(`user/${spec.upn}`);
}

export const GROUP = {
  responders: nameUuid('group/Breakglass Responders'),
  onCall: nameUuid('group/SecOps On-call'),
  approvers: nameUuid('group/PIM Approvers'),
  managers: nameUuid('group/Security Managers'),
  allStaff: nameUuid('group/All Staff'),
} as const;

export interface GroupSpec {
  id: string;
  displayName: string;
  memberUsers: PersonKey[] | 'staff';
  memberGroups: string[];
}

/** Breakglass Responders contains SecOps On-call, so transitive membership matters. */
export const GROUPS: readonly GroupSpec[] = [
  { id: GROUP.responders, displayName: 'Breakglass Responders', memberUsers: ['alice', 'bob'], memberGroups: [GROUP.onCall] },
  { id: GROUP.onCall, displayName: 'SecOps On-call', memberUsers: ['carol', 'erin'], memberGroups: [] },
  { id: GROUP.approvers, displayName: 'PIM Approvers', memberUsers: ['carol', 'erin', 'judy'], memberGroups: [] },
  { id: GROUP.managers, displayName: 'Security Managers', memberUsers: ['ivan', 'judy'], memberGroups: [] },
  { id: GROUP.allStaff, displayName: 'All Staff', memberUsers: 'staff', memberGroups: [] },
];
