import type { EffectError } from '../effects';
import type { Domain } from '../graph-records';
import type { WorkflowActor } from './actor';
import type { ExportedFile, OpenAlert } from './context';
import type { MailboxRuleSummary } from './mailbox-rules';
import type { SignInSummary } from './sign-in-summary';

/** Sent by the router for a person's command or click: who, and when (epoch ms). */
interface PersonEvent {
  actor: WorkflowActor;
  at: number;
}

/** Fed back by the runtime for an effect's result; no person behind it. */
interface ResultEvent {
  at: number;
  actor?: WorkflowActor;
  tag?: string;
}

export type BreakGlassPersonEvent =
  | (PersonEvent & { type: 'ack' })
  | (PersonEvent & { type: 'playbook.confirm' })
  | (PersonEvent & { type: 'checkout.request'; upn: string })
  | (PersonEvent & { type: 'checkout.confirm' })
  | (PersonEvent & { type: 'support.case'; reference: string })
  | (PersonEvent & { type: 'federation.adfs'; available: boolean })
  | (PersonEvent & { type: 'step.done'; step: number; note?: string })
  | (PersonEvent & { type: 'step.skip'; step: number; reason: string })
  | (PersonEvent & { type: 'step.assign'; step: number; assignee: WorkflowActor })
  | (PersonEvent & { type: 'step.retry'; step: number })
  | (PersonEvent & { type: 'note.add'; text: string })
  | (PersonEvent & { type: 'commander.set'; commander: WorkflowActor })
  /** `signins [--since 2h] [--user UPN]`: lookbackMs overrides the configured window. */
  | (PersonEvent & { type: 'signins.rerun'; lookbackMs?: number; user?: string })
  | (PersonEvent & { type: 'export.run' })
  | (PersonEvent & { type: 'close'; summary?: string; openAlerts?: OpenAlert[] })
  | (PersonEvent & { type: 'reopen' })
  /** No state change: the router renders the checklist on request. */
  | (PersonEvent & { type: 'status' });

export type BreakGlassResultEvent =
  | (ResultEvent & { type: 'graph.signIns.succeeded'; result: SignInSummary })
  | (ResultEvent & { type: 'graph.signIns.failed'; error: EffectError })
  | (ResultEvent & { type: 'graph.domains.succeeded'; result: Domain[] })
  | (ResultEvent & { type: 'graph.domains.failed'; error: EffectError })
  | (ResultEvent & { type: 'graph.mailboxRules.succeeded'; result: MailboxRuleSummary })
  | (ResultEvent & { type: 'graph.mailboxRules.failed'; error: EffectError })
  | (ResultEvent & { type: 'export.succeeded'; files: ExportedFile[] })
  | (ResultEvent & { type: 'export.failed'; error: EffectError })
  /** The monitor saw the account of a declared use sign in (step 3). */
  | (ResultEvent & { type: 'emergency.signedIn'; upn: string; signedInAt: number; detail: string; alertId: string })
  /** The chat effect's answer for one DM page (person = the page's audience). */
  | (ResultEvent & { type: 'page.delivered'; person: string })
  | (ResultEvent & { type: 'page.unreachable'; person: string; reason: string });

export type BreakGlassEvent = BreakGlassPersonEvent | BreakGlassResultEvent;

export type BreakGlassEventType = BreakGlassEvent['type'];
