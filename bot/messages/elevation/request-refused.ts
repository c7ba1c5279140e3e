import type { ValidationProblem } from '../../../workflows/pim-elevation/validate-request';
import type { Message } from '../message';

/** The private reply to an `elevate` that failed its checks: every reason, one line each, nobody else bothered. */
export function requestRefusedMessage(roleName: string, problems: readonly ValidationProblem[]): Message {
  const title = `Elevation to ${roleName} not requested`;
  return {
    header: { title, tone: 'warning' },
    blocks: problems.map((p) => ({ kind: 'text' as const, text: p.message })),
    fallbackText: `${title}: ${problems.map((p) => p.message).join(' ')}`,
  };
}
