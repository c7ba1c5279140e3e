import type { WorkflowActor } from './actor';
import type { MailboxRuleSummary } from './mailbox-rules';
import type { SignInSummary } from './sign-in-summary';
import type { StepNumber } from './step-catalogue';

/** What `breakglass start` hands the machine: the incident plus the config it needs, copied so timers are data. */
export interface BreakGlassInput {
  incidentId: string;
  summary: string;
  drill: boolean;
  commander: WorkflowActor;
  /** Epoch ms, from the router's clock. */
  startedAt: number;
  config: BreakGlassSettings;
}

export interface EmergencyAccountRef {
  upn: string;
  /** Where the credential is kept (a safe, a vault path). Never the credential. */
  credentialLocation: string;
}

export interface BreakGlassSettings {
  /** Escalation order of person keys: level 0 is paged first. */
  managers: string[][];
  /** Paged together with managers level 0. */
  securityOfficers: string[];
  emergencyAccounts: EmergencyAccountRef[];
  playbookUrl: string;
  supportUrl: string;
  ackTimeoutMs: number;
  stallTimeoutMs: number;
  mailboxReminderMs: number;
  signInLookbackMs: number;
  /** Extra time either side of the incident window when exporting logs; default one hour. */
  exportMarginMs?: number;
  /** Display names of the person keys above, so messages name people, not config keys (absent in older snapshots). */
  names?: Record<string, string>;
}

/** A person key's display name, or the key when none is known. */
export function personName(settings: Pick<BreakGlassSettings, 'names'>, key: string): string {
  return settings.names?.[key] ?? key;
}

export type StepStatus = 'pending' | 'in_progress' | 'done' | 'skipped' | 'failed';

export interface StepRecord {
  n: StepNumber;
  state: StepStatus;
  owner?: WorkflowActor;
  startedAt?: number;
  doneAt?: number;
  /** Who marked it done or skipped; absent when the bot finished it on its own. */
  doneBy?: WorkflowActor;
  skipReason?: string;
  /** Plain words shown when the step could not run (e.g. "Graph is unavailable"). */
  failure?: string;
  notes: string[];
}

export interface TimelineEntry {
  at: number;
  /** Absent when the bot itself did it (a timer, a Graph result). */
  actor?: WorkflowActor;
  step?: StepNumber;
  text: string;
}

export interface PageRecord {
  person: string;
  level: number;
  at: number;
  /** What the chat said about the DM; absent while it is still being sent. */
  delivery?: { state: 'delivered'; at: number } | { state: 'unreachable'; at: number; reason: string };
}

export interface PagingState {
  /** Escalation level currently paged; -1 before the first page. */
  level: number;
  levelPagedAt: number;
  pages: PageRecord[];
  acknowledgedBy?: WorkflowActor;
  acknowledgedAt?: number;
  /** Set when every level was paged and nobody answered. */
  exhaustedAt?: number;
}

export interface CheckoutRequest {
  upn: string;
  requestedBy: WorkflowActor;
  at: number;
}

/**
 * A declared, two-person-confirmed use of an emergency account. Monitoring
 * treats this account's sign-ins between `since` and `until` (open-ended
 * while the incident is open) as expected.
 */
export interface EmergencyUse {
  upn: string;
  since: number;
  until?: number;
  requestedBy: WorkflowActor;
  confirmedBy: WorkflowActor;
  /** The account's first sign-in during this use, as the sign-in log (read by the monitor) showed it. */
  firstSignIn?: { at: number; detail: string; alertId: string };
  /** Sign-ins seen during this use. */
  signIns?: number;
}

export interface TimeWindowIso {
  since: string;
  until: string;
}

export type GraphStepStatus = 'idle' | 'running' | 'succeeded' | 'unavailable';

export interface SignInReview {
  status: GraphStepStatus;
  runs: number;
  /** The tag of the newest request: older answers are ignored. */
  tag?: string;
  window?: TimeWindowIso;
  /** The account the newest request was limited to (`signins --user`); absent for all privileged accounts. */
  user?: string;
  /** The newest answer, whatever its scope: what the latest notice showed. */
  summary?: SignInSummary;
  /** The newest answer covering every privileged account: what the close report keeps. */
  incidentWide?: SignInSummary;
  error?: string;
}

export interface FederationCheck {
  status: GraphStepStatus;
  runs: number;
  tag?: string;
  domains: Array<{ id: string; authenticationType: string }>;
  federated: string[];
  decision?: { adfsAvailable: boolean; by: WorkflowActor; at: number };
  error?: string;
}

/** Step 7's look at privileged mailboxes' inbox rules. */
export interface MailboxRuleCheck {
  status: GraphStepStatus;
  runs: number;
  tag?: string;
  summary?: MailboxRuleSummary;
  error?: string;
}

export interface ExportedFile {
  name: string;
  count: number;
  sha256: string;
}

export interface LogExport {
  status: GraphStepStatus;
  runs: number;
  tag?: string;
  window?: TimeWindowIso;
  files: ExportedFile[];
  error?: string;
}

export interface StallWatch {
  /** Bumped on every step change; the stall timer restarts when it moves. */
  progressSeq: number;
  watchedSeq: number;
  /** Pings sent since the last progress: 0 -> commander next, k -> manager level k-1. */
  pings: number;
  since: number;
}

export interface Closure {
  at: number;
  by: WorkflowActor;
  summary?: string;
  /** Monitor alerts nobody had acknowledged when the incident closed (read by the bot at close). */
  openAlerts?: OpenAlert[];
}

/** An unacknowledged monitor alert, as the close report lists it. */
export interface OpenAlert {
  id: string;
  /** e.g. "Emergency account signed in: bg-01@… at 02:27 UTC". */
  text: string;
  emergencyAccount: boolean;
}

export interface BreakGlassContext {
  incidentId: string;
  summary: string;
  drill: boolean;
  startedAt: number;
  startedBy: WorkflowActor;
  commander: WorkflowActor;
  settings: Required<BreakGlassSettings>;
  /** Time of the event being handled (or of the timer that fired): the machine's only clock. */
  now: number;
  steps: StepRecord[];
  paging: PagingState;
  pendingCheckout?: CheckoutRequest;
  emergencyUse: EmergencyUse[];
  supportCase?: { reference: string; by: WorkflowActor; at: number };
  signIns: SignInReview;
  federation: FederationCheck;
  logExport: LogExport;
  mailbox: { reminders: number; since: number };
  /** Absent in incidents started before step 7 read inbox rules. */
  mailboxRules?: MailboxRuleCheck;
  stall: StallWatch;
  timeline: TimelineEntry[];
  /** Entries dropped from the front to keep the snapshot small (the audit log keeps them all). */
  timelineDropped: number;
  closure?: Closure;
  reopenings: Array<{ at: number; by: WorkflowActor }>;
}
