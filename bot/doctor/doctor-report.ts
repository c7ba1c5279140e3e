import type { CheckLine } from './check-line';

const LABEL: Record<CheckLine['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** The lines as printed: status, part and check, detail, and an indented fix under each failure. */
export function formatReport(lines: readonly CheckLine[]): string[] {
  const width = Math.max(0, ...lines.map((l) => l.part.length));
  const out: string[] = [];
  for (const line of lines) {
    out.push(`${LABEL[line.status]}  ${line.part.padEnd(width)}  ${line.what}: ${line.detail}`);
    if (line.status === 'fail' && line.fix) out.push(`${' '.repeat(8 + width)}fix: ${line.fix}`);
  }
  const failed = lines.filter((l) => l.status === 'fail').length;
  const passed = lines.filter((l) => l.status === 'pass').length;
  out.push('');
  out.push(failed === 0 ? `All ${passed} checks passed.` : `${failed} of ${passed + failed} checks failed.`);
  return out;
}

/** Non-zero when anything failed, so a deployment pipeline can stop on it. */
export function exitCode(lines: readonly CheckLine[]): number {
  return lines.some((l) => l.status === 'fail') ? 1 : 0;
}
