import type { AssignmentRequestInput } from './graph-records';

/**
 * The effect vocabulary machines speak. A machine never performs I/O: it emits
 * one of these as a named action with params; the runtime writes it to the
 * outbox in the same transaction as the new snapshot and executes it later
 * with the idempotency key `workflowId:seq`. Results come back as events.
 */

/** Who a chat effect is for. People are keys into config `people`. */
export type Audience =
  | { to: 'home' } // the conversation (and thread) the workflow lives in
  | { to: 'person'; person: string } // a direct message
  | { to: 'channel'; channel: 'security' | 'approvers' }; // a configured channel

/**
 * Post a card once and update it in place on every later emit with the same
 * key. `view` names a builder in bot/messages that renders the machine's
 * context at commit time.
 */
export interface CardEffect {
  type: 'chat.card';
  params: { key: string; view: string; audience: Audience; data?: Record<string, unknown>; /** A home card posted as a reply under the workflow's root card, like a notice. */ threaded?: boolean };
}

/** A one-off message (a thread reply when the audience is `home`). */
export interface NoticeEffect {
  type: 'chat.notice';
  params: { view: string; audience: Audience; data?: Record<string, unknown> };
}

/** The Graph operations a machine may ask for, and the arguments each takes. */
export interface GraphOps {
  /** One window of sign-ins, filtered to privileged accounts (or `user`) and summarised. */
  signIns: { since: string; until: string; emergencyUpns?: string[]; user?: string };
  domains: Record<string, never>;
  assignmentInstances: { principalId?: string; roleDefinitionId?: string };
  createAssignmentRequest: AssignmentRequestInput;
  /** Who of `userIds` has no successful MFA sign-in in the last `withinMinutes`. */
  recentMfa: { userIds: string[]; withinMinutes: number };
  /** Step 7: every privileged account's inbox rules that forward or redirect mail. */
  mailboxRules: Record<string, never>;
}

export type GraphOpName = keyof GraphOps;

/** One operation and its own arguments: the op names which `args` shape applies. */
export type GraphCall = { [K in GraphOpName]: { op: K; args: GraphOps[K]; tag?: string } }[GraphOpName];

/**
 * A call to a GraphPort operation. The runtime feeds back
 * `{ type: 'graph.<op>.succeeded', result, tag }` or
 * `{ type: 'graph.<op>.failed', error: { code, message, retryAt? }, tag }`.
 */
export interface GraphEffect {
  type: 'graph.call';
  params: GraphCall;
}

/** Export logs for forensics; answered with `export.succeeded` / `export.failed`. */
export interface ExportEffect {
  type: 'logs.export';
  params: { since: string; until: string; tag?: string };
}

export type Effect = CardEffect | NoticeEffect | GraphEffect | ExportEffect;

export const EFFECT_TYPES: ReadonlySet<string> = new Set(['chat.card', 'chat.notice', 'graph.call', 'logs.export']);

export function isEffect(action: { type: string }): action is Effect {
  return EFFECT_TYPES.has(action.type);
}

/** The error shape Graph failures come back to machines in. */
export interface EffectError {
  code: string;
  message: string;
  retryAt?: number;
}
