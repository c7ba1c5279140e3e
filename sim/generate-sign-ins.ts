import { PEOPLE, STAFF, personId, type PersonSpec } from './contoso-directory';
import type { GraphSignIn } from './graph-shapes';
import { seededRandom } from './seeded-random';
import { makeSignIn, type AppKey } from './sign-in-factory';
import { usualDevice } from './background-activity';

export interface GenerateSignInsOptions {
  /** Time of the newest record (epoch ms). Default 2026-01-01T00:00:00Z, so output is reproducible. */
  end?: number;
  /** Time the records span, newest to oldest. Default 30 days. */
  spanMs?: number;
  /** Who signs in besides the admins. Default STAFF (24 people). */
  staff?: readonly PersonSpec[];
  /** Share of records that are the admins'. Default 0.05. */
  adminShare?: number;
}

const OUTCOMES: ReadonlyArray<[number, number]> = [
  // [errorCode, weight]; the rest succeed
  [50126, 60],
  [50074, 30],
  [500121, 10],
  [53003, 8],
  [50053, 3],
  [50057, 2],
];
const FAILURE_WEIGHT = OUTCOMES.reduce((sum, [, w]) => sum + w, 0);
const LEGACY_CLIENTS = ['IMAP4', 'POP3', 'SMTP', 'MAPI Over HTTP', 'Exchange ActiveSync', 'Other clients'];
const FOREIGN = [
  { city: 'São Paulo', state: 'São Paulo', country: 'BR', lat: -23.55, lon: -46.63 },
  { city: 'Lagos', state: 'Lagos', country: 'NG', lat: 6.52, lon: 3.38 },
  { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.76, lon: 37.62 },
  { city: 'Singapore', state: 'Singapore', country: 'SG', lat: 1.35, lon: 103.82 },
];

/**
 * N synthetic sign-ins in Graph's JSON shape, newest first, deterministic from
 * the seed. A generator, so a benchmark can write a million to a file without
 * holding them: about 87% succeed, 13% fail with the codes the detections know,
 * 5% come from privileged accounts, 1% use legacy clients, 1% come from abroad.
 */
export function* generateSignIns(n: number, seed: number, options: GenerateSignInsOptions = {}): Generator<GraphSignIn> {
  const rng = seededRandom(seed);
  const end = options.end ?? Date.UTC(2026, 0, 1);
  const span = options.spanMs ?? 30 * 24 * 60 * 60 * 1000;
  const step = n > 0 ? span / n : 0;
  const staff = options.staff ?? (STAFF as readonly PersonSpec[]);
  const adminShare = options.adminShare ?? 0.05;
  const admins = (Object.values(PEOPLE) as PersonSpec[]).filter((p) => p.privileged);
  const apps: AppKey[] = ['officeHome', 'teams', 'exchangeOnline', 'azurePortal'];
  // Ids and devices are hashes; work them out once per person, not per record.
  const known = new Map<PersonSpec, { id: string; device: ReturnType<typeof usualDevice> }>();
  const of = (p: PersonSpec) => {
    let entry = known.get(p);
    if (!entry) {
      entry = { id: personId(p), device: usualDevice(p) };
      known.set(p, entry);
    }
    return entry;
  };
  for (let i = 0; i < n; i++) {
    const p = rng.chance(adminShare) ? rng.pick(admins) : rng.pick(staff);
    let errorCode = 0;
    if (rng.chance(0.13)) {
      let roll = rng.next() * FAILURE_WEIGHT;
      for (const [code, weight] of OUTCOMES) {
        roll -= weight;
        if (roll < 0) {
          errorCode = code;
          break;
        }
      }
    }
    const abroad = rng.chance(0.01);
    const where = abroad ? rng.pick(FOREIGN) : { city: p.home.city, state: p.home.state, country: p.home.country, lat: p.home.lat, lon: p.home.lon };
    const legacy = rng.chance(0.01);
    yield makeSignIn({
      id: rng.uuid(),
      correlationId: rng.uuid(),
      at: new Date(end - Math.floor(i * step)).toISOString(),
      user: { id: of(p).id, upn: p.upn, displayName: p.displayName, userType: p.userType },
      app: legacy ? 'exchangeOnline' : rng.pick(apps),
      ip: abroad ? `${rng.int(100, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : `${p.home.ipPrefix}${rng.int(10, 250)}`,
      location: where,
      device: abroad ? { operatingSystem: 'Windows 10', browser: 'Chrome 119.0.0', isCompliant: false, isManaged: false } : of(p).device,
      errorCode,
      clientAppUsed: legacy ? rng.pick(LEGACY_CLIENTS) : 'Browser',
      mfa: errorCode === 0 && p.mfaMethods.length > 0,
      risk: abroad ? { level: 'medium', state: 'atRisk', eventTypes: ['unfamiliarFeatures'] } : undefined,
    });
  }
}
