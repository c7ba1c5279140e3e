/**
 * One copy of each repeated string (places, apps, devices, titles), flat:
 * strings built by concatenation are V8 rope nodes that keep their parts
 * alive, and each parsed record brings its own copy of the same city or app
 * name. The offline analyzer with --all-users keeps ~100k finding groups,
 * whose memory is mostly such strings.
 */
export type StringPool = (value: string) => string;

export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  return (value) => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    // A JSON round trip yields a fresh sequential string, holding nothing but its own characters.
    const flat = JSON.parse(JSON.stringify(value)) as string;
    pool.set(flat, flat);
    return flat;
  };
}
