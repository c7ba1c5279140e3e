import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for scenarios: the same seed gives the same tenant,
 * so tests and benchmarks can assert on exact records.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  uuid(): string;
}

/** mulberry32: tiny, fast, good enough for synthetic data (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p: number) => next() < p,
    uuid: () => {
      const word = () => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
      const s = word() + word() + word() + word();
      const variant = ((parseInt(s.charAt(16), 16) & 0x3) | 0x8).toString(16);
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
    },
  };
}

/**
 * A stable GUID derived from a name (UUID v5 style over SHA-1), so scenario
 * records keep the same id whatever the seed and other tests can name them.
 */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update(`breakglass-tenant-sim:${name}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
