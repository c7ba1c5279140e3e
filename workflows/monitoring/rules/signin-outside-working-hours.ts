import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';
import { isWithinWorkingHours, localTime } from '../../shared/working-hours';

const meta: RuleMeta = { id: 'signin.outside-working-hours', title: 'Privileged sign-in outside working hours', riskLevel: 'High' };

const DAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A successful sign-in outside the account's working hours, in its own time zone. */
export const outsideWorkingHours = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 0 || !isWatchedPrivileged(subject)) return undefined;
    const hours = ctx.workingHoursFor(subject.name, subject.id);
    const ms = Date.parse(r.createdDateTime);
    if (isWithinWorkingHours(ms, hours)) return undefined;
    const t = localTime(ms, hours.timeZone);
    const hhmm = `${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
    return signInFinding(r, ctx, subject, meta, `Signed in at ${hhmm} on ${DAY[t.weekday]} (${hours.timeZone}); working hours are ${hours.start}-${hours.end}.`);
  },
});
