export interface PollWindowInput {
  /** The end of the last completed poll (ISO), if any. */
  watermark?: string;
  now: number;
  /** Logs arrive minutes late: every poll reads this far behind the watermark again. */
  overlapMs: number;
  /** How far back the very first poll looks. */
  firstLookbackMs: number;
  /**
   * Threshold rules count in aligned windows of this length; reading from the
   * start of the window the overlap falls in lets a burst spread over several
   * polls still add up. 0 turns it off.
   */
  alignMs: number;
  /** Graph keeps sign-ins for 30 days: a monitor that was down longer starts there. */
  maxCatchUpMs: number;
}

export interface PollWindow {
  since: number;
  until: number;
}

/** The one time window a poll reads sign-ins and directory audits for. */
export function pollWindow(input: PollWindowInput): PollWindow {
  const { now } = input;
  const last = input.watermark ? Date.parse(input.watermark) : Number.NaN;
  const base = Number.isNaN(last) ? now - input.firstLookbackMs : Math.min(last, now) - input.overlapMs;
  const aligned = input.alignMs > 0 ? Math.floor(base / input.alignMs) * input.alignMs : base;
  return { since: Math.max(aligned, now - input.maxCatchUpMs), until: now };
}
