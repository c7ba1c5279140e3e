/**
 * The one neutral message model. Builders (pure) produce it; each platform has
 * one renderer (Block Kit, Adaptive Card). All strings here are PLAIN TEXT:
 * renderers escape them, so user-supplied text can never become markup,
 * mentions or links. URLs only ever appear in `link` blocks and button urls,
 * and only come from config or Graph, never from chat input.
 */
export type Tone = 'info' | 'good' | 'warning' | 'danger';

export type StepState = 'pending' | 'in_progress' | 'done' | 'skipped' | 'failed';

export interface ChecklistItem {
  n: number;
  title: string;
  state: StepState;
  owner?: string;
  note?: string;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: Array<{ label: string; value: string }> }
  | { kind: 'checklist'; items: ChecklistItem[] }
  | { kind: 'link'; text: string; url: string }
  /**
   * Names a person so the platform notifies them (Slack `<@U…>`, a Teams mention entity), then
   * plain text. `userId` is that platform's user id, filled in by the chat effect that knows
   * the platform; builders never take it from chat input.
   */
  | { kind: 'mention'; userId: string; name: string; text: string }
  | { kind: 'divider' };

export interface ButtonInput {
  /** Key under which the typed value arrives in the action's `inputs`. */
  id: string;
  label: string;
  required: boolean;
  placeholder?: string;
}

export interface Button {
  /** Routed action id, e.g. 'elevation.approve'. */
  actionId: string;
  label: string;
  /** Opaque routing payload (usually the workflow id). Never shown. */
  value: string;
  style?: 'primary' | 'danger';
  /** A value the clicker must type first (e.g. a deny reason). */
  input?: ButtonInput;
  /** When set, only these Entra object ids see the button (Teams user-specific views). */
  visibleTo?: string[];
  /** Open a URL instead of posting an action (e.g. the PIM approval page). */
  url?: string;
}

export interface Message {
  header?: { title: string; tone?: Tone; /** e.g. 'DRILL' or 'SIMULATED' */ label?: string };
  blocks: Block[];
  buttons?: Button[];
  /** Small footer line: incident id, correlation id, "updated 03:12 UTC". */
  context?: string;
  /** Plain text for notifications and clients that cannot show cards. */
  fallbackText: string;
  /**
   * The whole of something the message only summarises (the close report): plain text, shown by
   * each platform its way (Slack: a file in the same thread; Teams: behind a "Full …" button).
   */
  attachment?: { filename: string; title: string; text: string };
}

/** A one-line reply, shown privately when the platform allows it. */
export interface Reply {
  text: string;
  ephemeral: boolean;
  /** A refusal's reference (never part of `text`): the adapter shows it once, the way people quote it to support. */
  correlationId?: string;
}
