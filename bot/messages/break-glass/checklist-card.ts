import { formatDuration } from '../../../workflows/duration';
import { personName, type BreakGlassContext, type PageRecord, type StepRecord } from '../../../workflows/break-glass/context';
import { stepDefinition } from '../../../workflows/break-glass/step-catalogue';
import { isSettled, stepOf } from '../../../workflows/break-glass/steps';
import type { Block, Button, ChecklistItem, Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { SUPPORT_REFERENCE_INPUT } from './button-events';
import { clock, dateTime, incidentMessage } from './incident-words';

/** The one card kept up to date in the incident's conversation. */
export function checklistCard(context: BreakGlassContext): Message {
  const closed = context.closure !== undefined;
  const done = context.steps.filter(isSettled).length;
  const blocks: Block[] = [{ kind: 'facts', facts: facts(context) }, { kind: 'checklist', items: context.steps.map((s) => item(context, s)) }];
  if (!closed && !isSettled(stepOf(context, 2))) blocks.push({ kind: 'link', text: 'Attack playbook', url: context.settings.playbookUrl });
  if (!closed && !isSettled(stepOf(context, 4))) blocks.push({ kind: 'link', text: 'Open an Azure support request', url: context.settings.supportUrl });
  if (!closed && context.pendingCheckout) {
    const p = context.pendingCheckout;
    blocks.push({ kind: 'text', text: `${p.requestedBy.name} chose ${p.upn} at ${clock(p.at)}. A different responder must confirm before anyone signs in with it.` });
  }
  return incidentMessage(context, {
    title: `${closed ? 'Closed' : 'Break glass'}: ${context.summary}`,
    tone: closed ? 'good' : 'danger',
    blocks,
    buttons: closed ? [] : buttons(context),
    fallbackText: `Break-glass incident ${context.incidentId} ${closed ? 'closed' : 'open'}: ${context.summary}. ${done} of 8 steps done.`,
  });
}

function item(context: BreakGlassContext, step: StepRecord): ChecklistItem {
  const owner = step.owner?.name ?? step.doneBy?.name;
  const note = noteFor(context, step);
  return { n: step.n, title: stepDefinition(step.n).title, state: step.state, ...(owner ? { owner } : {}), ...(note ? { note } : {}) };
}

function noteFor(context: BreakGlassContext, step: StepRecord): string | undefined {
  if (step.skipReason) return `Skipped: ${step.skipReason}`;
  if (step.failure) return `${step.failure}: retry, or do it by hand`;
  if (step.n === 1 && !isSettled(step)) return pagingNote(context);
  return step.notes.at(-1) ?? (step.state === 'pending' ? stepDefinition(step.n).hint : undefined);
}

function pagingNote(context: BreakGlassContext): string {
  const { paging } = context;
  if (paging.exhaustedAt !== undefined) return 'Nobody acknowledged. Reach them another way, then mark the step done.';
  const pages = paging.pages.filter((p) => p.level === paging.level);
  if (pages.length === 0) return stepDefinition(1).hint;
  // Say only what the chat confirmed: "paged" was shown before for DMs that never left.
  const truth = pages.map((page) => pageTruth(context, page));
  return `${truth.join('; ')}. Level ${paging.level} paged at ${clock(paging.levelPagedAt)}; escalates after ${formatDuration(context.settings.ackTimeoutMs)} without an answer.`;
}

function pageTruth(context: BreakGlassContext, page: PageRecord): string {
  const who = personName(context.settings, page.person);
  const d = page.delivery;
  if (!d) return `${who}: paging`;
  if (d.state === 'delivered') return `${who}: page delivered at ${clock(d.at)}`;
  return `${who}: could not reach by direct message (${d.reason}), mentioned in this channel instead`;
}

function facts(context: BreakGlassContext): Array<{ label: string; value: string }> {
  const out = [
    { label: 'Commander', value: context.commander.name },
    { label: 'Started', value: `${dateTime(context.startedAt)} by ${context.startedBy.name}` },
  ];
  if (context.closure) out.push({ label: 'Closed', value: `${dateTime(context.closure.at)} by ${context.closure.by.name}` });
  const { paging } = context;
  if (paging.acknowledgedBy && paging.acknowledgedAt !== undefined) out.push({ label: 'Acknowledged', value: `${paging.acknowledgedBy.name} at ${clock(paging.acknowledgedAt)}` });
  for (const use of context.emergencyUse) {
    out.push({ label: 'Emergency account', value: `${use.upn} ${use.until === undefined ? `in use since ${clock(use.since)}` : `used ${clock(use.since)} to ${clock(use.until)}`} (chosen by ${use.requestedBy.name}, confirmed by ${use.confirmedBy.name})` });
  }
  if (context.supportCase) out.push({ label: 'Support case', value: context.supportCase.reference });
  return out;
}

/** Only the buttons that move an open step forward; the rest would be noise at 3 a.m. */
function buttons(context: BreakGlassContext): Button[] {
  const id = context.incidentId;
  const out: Button[] = [];
  const open = (n: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8) => !isSettled(stepOf(context, n));

  if (open(2)) out.push({ actionId: BREAK_GLASS_ACTIONS.playbook, label: 'Playbook reviewed', value: id });
  if (context.pendingCheckout) {
    out.push({ actionId: BREAK_GLASS_ACTIONS.confirm, label: `Confirm ${context.pendingCheckout.upn}`, value: id, style: 'primary' });
  }
  if (open(3)) {
    const inUse = new Set(context.emergencyUse.map((u) => u.upn));
    for (const account of context.settings.emergencyAccounts) {
      if (inUse.has(account.upn) || context.pendingCheckout?.upn === account.upn) continue;
      out.push({ actionId: BREAK_GLASS_ACTIONS.checkout, label: `Use ${account.upn}`, value: buttonValue(id, account.upn) });
    }
  }
  if (open(4)) {
    out.push({
      actionId: BREAK_GLASS_ACTIONS.support,
      label: 'Record support case',
      value: id,
      input: { id: SUPPORT_REFERENCE_INPUT, label: 'Support case number or link', required: true, placeholder: 'e.g. 2503030040001234' },
    });
  }
  if (context.signIns.status === 'unavailable') out.push({ actionId: BREAK_GLASS_ACTIONS.retry, label: 'Retry sign-in review', value: buttonValue(id, 5) });
  const { federation } = context;
  if (open(6)) {
    if (federation.status === 'unavailable') out.push({ actionId: BREAK_GLASS_ACTIONS.retry, label: 'Retry domain check', value: buttonValue(id, 6) });
    if (federation.federated.length > 0 && !federation.decision) {
      out.push({ actionId: BREAK_GLASS_ACTIONS.adfs, label: 'AD FS is up', value: buttonValue(id, 'yes') });
      out.push({ actionId: BREAK_GLASS_ACTIONS.adfs, label: 'AD FS is down', value: buttonValue(id, 'no'), style: 'danger' });
    }
    if (federation.decision && !federation.decision.adfsAvailable) out.push({ actionId: BREAK_GLASS_ACTIONS.done, label: 'Switched to managed auth', value: buttonValue(id, 6) });
  }
  if (open(7)) out.push({ actionId: BREAK_GLASS_ACTIONS.done, label: 'Mailboxes are watched', value: buttonValue(id, 7) });
  if (open(8) && context.logExport.status !== 'running') {
    out.push(
      context.logExport.status === 'unavailable'
        ? { actionId: BREAK_GLASS_ACTIONS.retry, label: 'Retry log export', value: buttonValue(id, 8) }
        : { actionId: BREAK_GLASS_ACTIONS.export, label: 'Export logs', value: id },
    );
  }
  return out;
}
