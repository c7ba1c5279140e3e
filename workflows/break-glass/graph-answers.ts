/** How the machine reads Graph and export answers: plain failure words, and which answer is current. */
import type { EffectError } from '../effects';

/** What a responder reads when a Graph-backed step could not run; the detail stays in the log. */
export const GRAPH_UNAVAILABLE = 'Graph is unavailable';

export function failureText(error: EffectError | undefined, fallback: string): string {
  if (!error || error.code.startsWith('graph')) return GRAPH_UNAVAILABLE;
  return fallback;
}

/** Answers to an older request (a retry went out since) are ignored. */
export function isCurrent(expectedTag: string | undefined, tag: string | undefined): boolean {
  return tag === undefined || tag === expectedTag;
}
