import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/**
 * A short id derived from the delivery key, so a retried delivery of the same
 * `start` or `elevate` lands on the same id and is refused as a duplicate
 * instead of opening a second incident.
 */
export function idFromDelivery(prefix: string, deliveryKey: string): string {
  const digest = createHash('sha256').update(deliveryKey).digest();
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return `${prefix}-${out}`;
}
