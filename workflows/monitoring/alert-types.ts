import type { Finding } from './finding';
import type { FindingGroup } from './group-findings';

/** Who did something to an alert (WorkflowActor's shape; workflows may not import bot/). */
export interface AlertActor {
  id: string;
  name: string;
}

/** What people did with an alert, as its card shows it. */
export type AlertStatus =
  | { state: 'open' }
  | { state: 'acknowledged'; by: string; at: string }
  | { state: 'false-positive'; by: string; at: string; reason: string; suppressedUntil?: string }
  | { state: 'incident-opened'; by: string; at: string; incidentId: string };

/**
 * Where an alert lives: 'page' pages the manager chain and posts to the
 * security channel (an emergency account used outside any incident),
 * 'channel' only posts there, 'incident' posts into the break-glass incident
 * whose declared use it matches.
 */
export type AlertRoute = 'page' | 'channel' | 'incident';

export interface AlertSettings {
  /** Escalation order of person keys: level 0 is paged first. */
  managers: string[][];
  /** Paged together with managers level 0. */
  securityOfficers: string[];
  ackTimeoutMs: number;
  /** How long a false-positive mark silences the pattern (emergency accounts are never silenced). */
  suppressionMs: number;
}

/** Handed to the machine at start; the first finding arrives as an event. */
export interface AlertInput {
  alertId: string;
  dedupeKey: string;
  route: AlertRoute;
  /** The incident a route-'incident' alert belongs to. */
  incidentId?: string;
  /** The records came from the tenant simulator. */
  simulated: boolean;
  createdAt: number;
  settings: AlertSettings;
}

export interface AlertPage {
  person: string;
  level: number;
  at: number;
}

export interface AlertPaging {
  /** Escalation level currently paged; -1 before the first page. */
  level: number;
  levelPagedAt: number;
  pages: AlertPage[];
  /** Every level was paged and nobody acknowledged. */
  exhaustedAt?: number;
}

export interface AlertContext extends AlertInput {
  /** Time of the event being handled: the machine's only clock. */
  now: number;
  /** The finding that opened the alert. */
  first?: Finding;
  /** Every finding folded in, the first included. */
  group?: FindingGroup;
  status: AlertStatus;
  paging: AlertPaging;
  /** Findings that arrived while a false-positive mark silenced the pattern. */
  suppressed: number;
}

interface PersonEvent {
  actor: AlertActor;
  at: number;
}

export type AlertPersonEvent =
  | (PersonEvent & { type: 'ack' })
  | (PersonEvent & { type: 'false-positive'; reason: string })
  | (PersonEvent & { type: 'incident.opened'; incidentId: string });

/** The monitor reports a finding (the first, or a repeat within the cooldown). */
export interface AlertFindingEvent {
  type: 'finding';
  finding: Finding;
  at: number;
}

export type AlertEvent = AlertPersonEvent | AlertFindingEvent;
