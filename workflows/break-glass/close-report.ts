import type { WorkflowActor } from './actor';
import type { BreakGlassContext, StepStatus, TimelineEntry } from './context';
import { hasFindings } from './sign-in-summary';
import { stepDefinition, type StepNumber } from './step-catalogue';
import { isSettled } from './steps';

export interface ReportStep {
  n: StepNumber;
  title: string;
  state: StepStatus;
  owner?: string;
  /** Done or skipped: how long from when it started (or the incident start) to then. */
  tookMs?: number;
  /** Still open: how long it has been open at close. */
  openForMs?: number;
  doneBy?: string;
  skipReason?: string;
  failure?: string;
}

export interface CloseReport {
  incidentId: string;
  summary: string;
  drill: boolean;
  startedAt: number;
  /** Close time, or the latest event time while the incident is still open. */
  endedAt: number;
  durationMs: number;
  commander: string;
  closedBy?: string;
  closingSummary?: string;
  steps: ReportStep[];
  openSteps: ReportStep[];
  /** Alerts still unacknowledged at close, emergency-account ones first. */
  openAlerts: Array<{ id: string; text: string; emergencyAccount: boolean }>;
  /** Who did what, in order of first appearance. */
  people: Array<{ name: string; actions: string[] }>;
  findings: string[];
  followUps: string[];
  timeline: TimelineEntry[];
  timelineDropped: number;
}

const BOT = 'the bot';

/** The close report's content, computed from the context alone so the view and any export agree. */
export function buildCloseReport(context: BreakGlassContext): CloseReport {
  const endedAt = context.closure?.at ?? context.now;
  const steps = context.steps.map((s): ReportStep => {
    const start = s.startedAt ?? context.startedAt;
    return {
      n: s.n,
      title: stepDefinition(s.n).title,
      state: s.state,
      ...(s.owner ? { owner: s.owner.name } : {}),
      ...(isSettled(s) && s.doneAt !== undefined ? { tookMs: Math.max(0, s.doneAt - start), doneBy: s.doneBy?.name ?? BOT } : { openForMs: Math.max(0, endedAt - context.startedAt) }),
      ...(s.skipReason ? { skipReason: s.skipReason } : {}),
      ...(s.failure ? { failure: s.failure } : {}),
    };
  });
  return {
    incidentId: context.incidentId,
    summary: context.summary,
    drill: context.drill,
    startedAt: context.startedAt,
    endedAt,
    durationMs: Math.max(0, endedAt - context.startedAt),
    commander: context.commander.name,
    ...(context.closure ? { closedBy: context.closure.by.name } : {}),
    ...(context.closure?.summary ? { closingSummary: context.closure.summary } : {}),
    steps,
    openSteps: steps.filter((s) => s.state !== 'done' && s.state !== 'skipped'),
    openAlerts: [...(context.closure?.openAlerts ?? [])].sort((a, b) => Number(b.emergencyAccount) - Number(a.emergencyAccount)),
    people: whoDidWhat(context.timeline),
    findings: findings(context),
    followUps: followUps(context),
    timeline: context.timeline,
    timelineDropped: context.timelineDropped,
  };
}

function whoDidWhat(timeline: readonly TimelineEntry[]): CloseReport['people'] {
  const byActor = new Map<string, { actor: WorkflowActor; actions: string[] }>();
  for (const entry of timeline) {
    if (!entry.actor) continue;
    const seen = byActor.get(entry.actor.id) ?? { actor: entry.actor, actions: [] };
    seen.actions.push(entry.text);
    byActor.set(entry.actor.id, seen);
  }
  return [...byActor.values()].map(({ actor, actions }) => ({ name: actor.name, actions }));
}

function findings(context: BreakGlassContext): string[] {
  const out: string[] = [];
  const { signIns, federation, logExport } = context;
  // One account's review (`signins --user`) is in the timeline; the findings are the incident-wide ones.
  const s = signIns.incidentWide ?? (signIns.user ? undefined : signIns.summary);
  if (s) {
    out.push(`Sign-ins ${s.window.since} to ${s.window.until}: ${s.total} in total, ${s.failed} failed${hasFindings(s) ? '' : ', nothing unusual'}.`);
    const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
    for (const f of s.failuresByCode) out.push(`${f.count} × error ${f.code} (${f.meaning}): ${f.users.join(', ')}`);
    if (s.mfaDenied.count) out.push(`${n(s.mfaDenied.count, 'MFA prompt')} denied or reported as fraud: ${s.mfaDenied.users.join(', ')}`);
    for (const c of s.newCountries) out.push(`${c.user} signed in from a new country: ${c.country} (${n(c.count, 'successful sign-in')})`);
    for (const c of s.failedFromNewCountries ?? []) out.push(`${n(c.count, 'failed attempt')} for ${c.user} from a new country: ${c.country}; none succeeded`);
    if (s.outsideWorkingHours.count) out.push(`${n(s.outsideWorkingHours.count, 'successful sign-in')} outside working hours`);
    for (const l of s.legacyProtocols) out.push(`${l.user} used a legacy protocol: ${l.clientApp} (${l.count})`);
    if (s.risky.count) out.push(`${n(s.risky.count, 'risky sign-in')} flagged by Identity Protection`);
    for (const e of s.emergencyAccounts) out.push(`Emergency account ${e.upn}: ${n(e.count, 'sign-in')} (${e.failed} failed), last ${e.lastAt}`);
  } else if (signIns.status === 'unavailable') {
    out.push('The sign-in review could not run: Graph is unavailable.');
  }
  if (federation.federated.length) out.push(`Federated domains: ${federation.federated.join(', ')}.`);
  const decision = federation.decision;
  if (decision) {
    out.push(
      decision.adfsAvailable
        ? `AD FS was available (${decision.by.name}); domains stayed federated.`
        : `AD FS was unavailable; ${decision.by.name} decided to switch to managed authentication (password hash sync).`,
    );
  }
  for (const use of context.emergencyUse) {
    const seen = use.firstSignIn;
    if (seen) out.push(`${use.upn} signed in ${use.signIns === 1 ? 'once' : `${use.signIns ?? 1} times`} during its use, first at ${new Date(seen.at).toISOString().slice(11, 16)} UTC.`);
  }
  const mail = context.mailboxRules;
  if (mail?.summary && mail.status !== 'unavailable') {
    const rules = mail.summary.forwarding;
    out.push(
      rules.length
        ? `Inbox rules sending privileged mail elsewhere: ${rules.map((r) => `${r.upn} "${r.rule}"${r.enabled ? '' : ' (disabled)'} to ${r.recipients.join(', ')}`).join('; ')}.`
        : `No inbox rule forwarded privileged mail (${mail.summary.mailboxes} mailboxes checked).`,
    );
  } else if (mail?.status === 'unavailable') {
    out.push('The inbox rule check could not run; check the privileged mailboxes by hand.');
  }
  if (logExport.files.length) out.push(`Logs exported: ${logExport.files.map((f) => `${f.name} (${f.count} records, sha256 ${f.sha256})`).join('; ')}.`);
  else if (logExport.status === 'unavailable') out.push('The log export failed; export the logs by hand before they age out.');
  return out;
}

/** Microsoft's follow-ups after an emergency account was used, plus validating the plan every time. */
function followUps(context: BreakGlassContext): string[] {
  const out: string[] = [];
  for (const use of context.emergencyUse) {
    out.push(`Rotate the credential of ${use.upn} and put the new one back where it is kept.`);
    out.push(`Review every action taken with ${use.upn} since ${new Date(use.since).toISOString()} in the audit and sign-in logs.`);
  }
  if (context.emergencyUse.length === 0) out.push('No emergency account was checked out: nothing to rotate.');
  out.push('Validate the response plan: note what was missed, update the playbook from the post-mortem and share it with everyone on call.');
  if (context.drill) out.push('Record this drill: exercise the emergency accounts again within 90 days.');
  return out;
}
