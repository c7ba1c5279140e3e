import type { Message, Reply } from '../messages/message';
import type { WorkflowActor } from '../runtime/workflow-definition';
import { type ParsedCommand, parseCommand } from './command-grammar';
import { BreakglassError } from './errors';
import type { IdentityResolver } from './identity';
import type { Inbox } from './inbox';
import type { ActionEvent, InboundEvent } from './inbound-event';
import type { Logger } from './logger';
import { NOTHING, refusalOf, replyOutcome, type Outcome } from './outcome';
import type { Actor } from './platform';
import type { RateLimiter } from './rate-limiter';
import { detectSecret } from './secret-detector';

/** What a handler knows about the request it serves. */
export interface RequestContext {
  event: InboundEvent;
  /** The actor after identity resolution (entraObjectId set when mapped). */
  actor: Actor;
  /** The actor as machines see it. */
  who: WorkflowActor;
}

export type CommandHandler = (command: ParsedCommand, ctx: RequestContext) => Promise<Reply | void>;

export type ActionHandler = (action: ActionEvent, ctx: RequestContext) => Promise<Reply | void>;

export interface RouterOptions {
  identity: IdentityResolver;
  logger: Logger;
  commands: Partial<Record<ParsedCommand['name'], CommandHandler>>;
  /** By action id prefix: 'breakglass', 'elevation', 'alert'. */
  actions: Record<string, ActionHandler>;
  rateLimiter?: RateLimiter;
  /** The current card of a workflow, by button value (and the clicked button's action id), for adapters that answer a click with the card. */
  currentCard?: (value: string, viewer: Actor, actionId?: string) => Promise<Message | undefined>;
  /** After a refused click: re-render the clicked card in place, since it showed something no longer true. Must not wait for it. */
  refreshCard?: (action: ActionEvent) => void;
  /** One answer per delivery: repeats are dropped before any handler runs. */
  inbox?: Inbox;
}

/**
 * How the adapter wants a click answered. `card`: the platform shows the
 * answer to a click in place of the card (Teams' Universal Actions), so an
 * accepted click is answered with the card as it now stands, and a repeat of a
 * click whose answer was lost gets that answer again. `view`: only the current
 * card is wanted, nothing is done (Teams' automatic refresh).
 */
export interface Answer {
  card?: boolean;
  view?: boolean;
}

/**
 * Turns one verified inbound event into a handler call and a reply. Every
 * failure becomes one plain sentence with a correlation id for the user and
 * the detail for the log; nothing thrown escapes to the adapter.
 */
export class Router {
  constructor(private readonly options: RouterOptions) {}

  async handle(event: InboundEvent, answer: Answer = {}): Promise<Outcome> {
    const inbox = this.options.inbox;
    // A card refresh changes nothing and its answer is the card as it stands: a repeat is answered afresh, so nothing is recorded.
    if (!inbox || answer.view) return this.handleOnce(event, answer);
    // A click answered in its own HTTP response: a repeat of one whose answer was lost gets that answer again.
    const replayAnswer = event.type === 'action' && !!answer.card;
    try {
      return await inbox.once(event, () => this.handleOnce(event, answer), replayAnswer);
    } catch (e) {
      return this.refusal(e, event);
    }
  }

  private async handleOnce(event: InboundEvent, answer: Answer): Promise<Outcome> {
    try {
      if (this.options.rateLimiter && !this.options.rateLimiter.take(`${event.actor.platform}:${event.actor.platformUserId}`)) {
        throw new BreakglassError('rate_limited', "You're sending commands faster than I can act on them safely; wait a minute and try again.");
      }
      const actor = await this.options.identity.resolve(event.actor);
      const ctx: RequestContext = { event, actor, who: workflowActor(actor) };
      return event.type === 'command' ? replyOutcome(await this.command(event.text, ctx)) : await this.action(event, ctx, answer);
    } catch (e) {
      return this.refusal(e, event);
    }
  }

  private refusal(e: unknown, event: InboundEvent): Outcome {
    return refusalOf(e, this.options.logger, { deliveryKey: event.deliveryKey });
  }

  /** Text that looks like a credential is dropped unread, whether typed as a command or into a card's box. */
  private secretWarning(texts: string[], ctx: RequestContext): Reply | undefined {
    const secret = texts.map(detectSecret).find((kind) => kind !== undefined);
    if (!secret) return undefined;
    this.options.logger.warn({ deliveryKey: ctx.event.deliveryKey, kind: secret }, 'input looked like it contained a secret; dropped unread');
    return { text: `That message looks like it contains ${secret}. I did not store or repeat it. If it was real, rotate it now.`, ephemeral: true };
  }

  private async command(text: string, ctx: RequestContext): Promise<Reply | void> {
    const warning = this.secretWarning([text], ctx);
    if (warning) return warning;
    const parsed = parseCommand(text);
    if (!parsed.ok) {
      throw new BreakglassError('command.malformed', parsed.usage ? `${parsed.error} Usage: ${parsed.usage}` : parsed.error);
    }
    const handler = this.options.commands[parsed.command.name];
    if (!handler) throw new BreakglassError('command.unknown', `"${parsed.command.name}" is not available on this bot.`);
    return handler(parsed.command, ctx);
  }

  private async action(event: ActionEvent, ctx: RequestContext, answer: Answer): Promise<Outcome> {
    const card = async (): Promise<Outcome> => {
      const current = answer.card ? await this.options.currentCard?.(event.value, ctx.actor, event.actionId) : undefined;
      return current ? { kind: 'card', card: current } : NOTHING;
    };
    if (answer.view) return card();
    const prefix = event.actionId.split('.')[0] ?? '';
    // Own keys only: a click with action id "constructor.x" or "toString" must not reach Object's methods.
    const handler = Object.hasOwn(this.options.actions, prefix) ? this.options.actions[prefix] : undefined;
    if (!handler) throw new BreakglassError('command.unknown', 'That button is not one of mine any more.');
    const warning = this.secretWarning(Object.values(event.inputs ?? {}), ctx);
    if (warning) return replyOutcome(warning);
    const reply = await handler(event, ctx);
    if (reply) {
      // The refusal is the answer (the clicker waits for it); the card catches up in the background.
      this.options.refreshCard?.(event);
      return replyOutcome(reply);
    }
    return card();
  }
}

/**
 * The machines' actor: the lower-cased Entra id. An unmapped actor holds no role (Authorizer),
 * so its placeholder id never matches a principal and never counts as a vote.
 */
export function workflowActor(actor: Actor): WorkflowActor {
  const id = actor.entraObjectId ? actor.entraObjectId.toLowerCase() : `unmapped:${actor.platform}:${actor.platformUserId}`;
  return { id, name: actor.displayName ?? actor.platformUserId };
}
