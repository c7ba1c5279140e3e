import type { BreakGlassContext, EmergencyUse } from './context';
import { homeNotice, withCard, type Outcome } from './outcome';
import { noteStep } from './steps';
import { clip, record } from './timeline';

/** What the monitor saw: a sign-in of an emergency account inside this incident's declared use. */
export interface EmergencySignInSeen {
  upn: string;
  /** When the account signed in (the record's time, not when the log showed it). */
  signedInAt: number;
  /** The monitor's sentence: app, IP, outcome. */
  detail: string;
  alertId: string;
}

const clock = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** The use this sign-in falls in: the account, from its confirmation to its end. */
export function useFor(context: BreakGlassContext, upn: string, at: number): number {
  const wanted = upn.toLowerCase();
  return context.emergencyUse.findIndex((u) => u.upn.toLowerCase() === wanted && at >= u.since && (u.until === undefined || at <= u.until));
}

/**
 * Step 3 does not end at the two-person confirmation: the incident watches
 * for the account's sign-in (the monitor reads the sign-in log, minutes
 * late) and says when it appears. The first sign-in of a use is posted and
 * noted on step 3; later ones go on the timeline (the alert in the channel
 * counts them too).
 */
export function emergencySignedIn(context: BreakGlassContext, seen: EmergencySignInSeen): Outcome {
  const line = clip(`Monitor (alert ${seen.alertId}): ${seen.upn} signed in at ${clock(seen.signedInAt)}. ${seen.detail}`, 500);
  const i = useFor(context, seen.upn, seen.signedInAt);
  const use = context.emergencyUse[i];
  if (!use) return { context: record(context, line), effects: [] };
  const first = use.firstSignIn === undefined;
  const updated: EmergencyUse = { ...use, signIns: (use.signIns ?? 0) + 1, firstSignIn: use.firstSignIn ?? { at: seen.signedInAt, detail: clip(seen.detail, 300), alertId: seen.alertId } };
  let next: BreakGlassContext = { ...context, emergencyUse: context.emergencyUse.map((u, k) => (k === i ? updated : u)) };
  next = record(next, line, { step: 3 });
  if (!first) return { context: next, effects: [] };
  next = noteStep(next, 3, `${use.upn} signed in at ${clock(seen.signedInAt)} (seen in the sign-in log)`);
  return withCard(next, homeNotice('emergency-sign-in', { upn: use.upn }));
}
