import { createHash } from 'node:crypto';
import type { AlertRoute } from '../../workflows/monitoring/alert-types';

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export interface AlertKey {
  tenant: string;
  dedupeKey: string;
  route: AlertRoute;
  incidentId?: string;
  /** The identity of the finding that opens the alert. */
  opener: string;
  /** Bumped on the (astronomically rare) clash with another pattern's alert. */
  salt?: number;
}

/**
 * The alert a finding opens, computed rather than drawn at random: a poll
 * retried after a crash, or a second replica, opens the same alert again
 * (a conflict), never a second one.
 */
export function alertIdFor(key: AlertKey): string {
  const text = [key.tenant, key.dedupeKey, key.route, key.incidentId ?? '', key.opener, key.salt ?? 0].join('\u0000');
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return `AL-${out}`;
}
