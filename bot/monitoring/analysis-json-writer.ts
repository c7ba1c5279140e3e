/**
 * `signins analyze --json` printed piece by piece: the same text as
 * `JSON.stringify({ ...head, groups }, null, 2)`, but the finding groups go
 * out a batch at a time, so a million-record pass with --all-users (100k
 * groups, ~150 MB of JSON) never holds its whole answer as one string.
 * `head` is written first, in one piece, with everything but the groups.
 */
const GROUPS_PER_WRITE = 500;

export function writeAnalysisJson(write: (text: string) => void, head: Record<string, unknown>, groups: readonly unknown[]): void {
  const whole = JSON.stringify({ ...head, groups: [] }, null, 2);
  if (groups.length === 0) {
    write(`${whole}\n`);
    return;
  }
  // `whole` ends with `"groups": []\n}`: open the array instead and close it after the last group.
  write(`${whole.slice(0, -'[]\n}'.length)}[\n`);
  for (let i = 0; i < groups.length; i += GROUPS_PER_WRITE) {
    const batch = groups.slice(i, i + GROUPS_PER_WRITE).map(nestedInGroups);
    write(`${batch.join(',\n')}${i + GROUPS_PER_WRITE < groups.length ? ',\n' : ''}`);
  }
  write('\n  ]\n}\n');
}

/** One group as JSON.stringify(…, null, 2) prints it two levels down (inside the object, inside the array). */
function nestedInGroups(group: unknown): string {
  return JSON.stringify(group, null, 2)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
