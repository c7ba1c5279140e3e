/**
 * Whether two values have the same canonicalJson, without writing either out.
 * A step compares the machine's snapshot before and after every event; two
 * canonical serialisations per step were a fifth of a timer's CPU (bench
 * workload 4), and most differences show up early. Same rules as
 * canonicalJson: key order does not matter, toJSON is honoured, undefined
 * members are absent, non-finite numbers are null, and at the top level or
 * in an array undefined is null.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return same(item(a), item(b));
}

/** What canonicalJson writes for a value where a slot cannot be left out (top level, array item). */
function item(v: unknown): unknown {
  const value = member(v);
  return value === undefined ? null : value;
}

/** A member's JSON value, or undefined when canonicalJson leaves it out. */
function member(v: unknown): unknown {
  const value = typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return value;
  }
}

function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((v, i) => same(item(v), item(y[i])));
  }
  const left = x as Record<string, unknown>;
  const right = y as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(left)) {
    const value = member(left[key]);
    if (value === undefined) continue;
    count += 1;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !same(value, member(right[key]))) return false;
  }
  for (const key of Object.keys(right)) if (member(right[key]) !== undefined) count -= 1;
  return count === 0;
}
