import type { Storage } from '../ports/storage';
import type { InboundEvent } from './inbound-event';
import type { Logger } from './logger';
import { NOTHING, type Outcome } from './outcome';

/** A claim older than this that was never answered belonged to a process that died: the retry may take it over. */
const STALE_CLAIM_MS = 60_000;

/**
 * Exactly one answer per delivery. Slack retries an event it did not see
 * acknowledged in time (x-slack-retry-num) and Teams re-sends an activity
 * with the same id; each delivery is claimed here before any handler runs,
 * read-only commands and refusals included, so a repeat is acknowledged and
 * dropped. A synchronous answer (a Teams card click) whose first copy was
 * lost is sent again from what was stored, never recomputed.
 */
export class Inbox {
  constructor(
    private readonly storage: Pick<Storage, 'claimInbound' | 'answerInbound'>,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Runs `handle` once per delivery key; a repeat gets nothing, or the stored answer when `replayAnswer`. */
  async once(event: InboundEvent, handle: () => Promise<Outcome>, replayAnswer: boolean): Promise<Outcome> {
    // Without a key nothing can be recognised again: handle it (the runtime still refuses a repeated state change).
    if (!event.deliveryKey) return handle();
    const key = `in:${event.deliveryKey}`;
    const at = this.now();
    const claim = await this.storage.claimInbound(key, at, at - STALE_CLAIM_MS);
    if (!claim.claimed) {
      this.logger.info({ deliveryKey: event.deliveryKey, type: event.type }, 'repeated delivery dropped: it was already answered');
      return replayAnswer && claim.answer ? storedOutcome(JSON.parse(claim.answer)) : NOTHING;
    }
    const result = await handle();
    await this.storage.answerInbound(key, result.kind === 'nothing' ? null : JSON.stringify(result), this.now());
    return result;
  }
}

/** A stored answer; one stored before answers had a kind (a reply, or `{ card }`) is read as what it was. */
function storedOutcome(stored: unknown): Outcome {
  const answer = stored as Partial<Outcome> & { card?: unknown; text?: string; ephemeral?: boolean };
  if (answer.kind) return answer as Outcome;
  if (answer.card) return { kind: 'card', card: answer.card as Extract<Outcome, { kind: 'card' }>['card'] };
  return { kind: 'reply', text: answer.text ?? '', ephemeral: answer.ephemeral ?? true };
}
