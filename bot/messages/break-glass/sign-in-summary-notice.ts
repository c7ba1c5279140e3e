import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { hasFindings, type SignInSummary } from '../../../workflows/break-glass/sign-in-summary';
import type { Block, Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { incidentMessage } from './incident-words';

/** Step 5's summary, posted in the incident conversation. */
export function signInSummaryNotice(context: BreakGlassContext): Message {
  const summary = context.signIns.summary;
  const rerun = { actionId: BREAK_GLASS_ACTIONS.retry, label: 'Run the review again', value: buttonValue(context.incidentId, 5) };
  if (!summary) {
    return incidentMessage(context, { title: 'Sign-in review', tone: 'info', blocks: [{ kind: 'text', text: 'No sign-in summary yet.' }], buttons: [rerun], fallbackText: 'No sign-in summary yet.' });
  }
  const lines = findingLines(summary);
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: 'Window', value: `${summary.window.since} to ${summary.window.until}` },
        ...(context.signIns.user ? [{ label: 'Account', value: context.signIns.user }] : []),
        { label: 'Sign-ins', value: `${summary.total} (${summary.failed} failed) by ${summary.users} accounts` },
      ],
    },
    { kind: 'text', text: lines.length ? lines.join('\n') : 'Nothing unusual: no failures, new countries, legacy protocols or risky sign-ins.' },
    { kind: 'text', text: summary.lagNote },
  ];
  const headline = `${plural(summary.total, 'sign-in')}, ${summary.failed} failed${hasFindings(summary) ? `, ${lines.length} ${lines.length === 1 ? 'finding' : 'findings'}` : ', nothing unusual'}`;
  return incidentMessage(context, {
    title: 'Sign-in review (step 5)',
    tone: hasFindings(summary) ? 'warning' : 'good',
    blocks,
    buttons: [rerun],
    fallbackText: `Sign-in review: ${headline}.`,
  });
}

/** One line per finding, worst first, in words a responder can act on. */
export function findingLines(s: SignInSummary): string[] {
  const lines: string[] = [];
  for (const e of s.emergencyAccounts) lines.push(`• Emergency account ${e.upn}: ${e.count} sign-in${e.count === 1 ? '' : 's'} (${e.failed} failed), last at ${e.lastAt}.`);
  if (s.mfaDenied.count) lines.push(`• ${plural(s.mfaDenied.count, 'MFA prompt')} denied or reported as fraud: ${s.mfaDenied.users.join(', ')}. Someone may have the password.`);
  for (const f of s.failuresByCode) lines.push(`• ${f.count} × error ${f.code}: ${f.meaning} (${f.users.join(', ')}).`);
  for (const r of s.risky.items) lines.push(`• Risky sign-in (${r.level}) by ${r.user} at ${r.at}.`);
  if (s.risky.count > s.risky.items.length) lines.push(`• …and ${s.risky.count - s.risky.items.length} more risky sign-in${s.risky.count - s.risky.items.length === 1 ? '' : 's'}.`);
  for (const c of s.newCountries) lines.push(`• ${c.user} signed in from a new country: ${c.country} (${plural(c.count, 'successful sign-in')}).`);
  for (const c of s.failedFromNewCountries ?? []) lines.push(`• ${plural(c.count, 'failed attempt')} for ${c.user} from a new country: ${c.country}. None succeeded.`);
  for (const l of s.legacyProtocols) lines.push(`• ${l.user} used a legacy protocol: ${l.clientApp} (${l.count}).`);
  if (s.outsideWorkingHours.count) {
    const who = [...new Set(s.outsideWorkingHours.items.map((i) => i.user))].join(', ');
    lines.push(`• ${plural(s.outsideWorkingHours.count, 'successful sign-in')} outside working hours (${who}).`);
  }
  return lines;
}

/** "1 sign-in", "7 sign-ins". */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
