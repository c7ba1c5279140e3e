/** Times and names as people read them on a card at 3 a.m. */

/** Epoch ms -> '03:12 UTC'. */
export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** ['Bob'] -> 'Bob'; ['Bob', 'Carol', 'Dan'] -> 'Bob, Carol and Dan'. */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
