import { ActivityTypes, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { RequestHandler } from 'express';
import { systemClock, type Clock } from '../../bot/ports/clock';
import { tenantOf } from './activity-events';
import { ConversationMemory, type StoreRef } from './conversation-memory';
import { authenticateActivity, authFailureStatus } from './inbound-auth';
import { errorInvokeResponse } from './invoke-responses';
import { isServiceUrlAllowed } from './service-url-allow-list';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterSettings } from './teams-bot-adapter';
import type { ReadRef } from './teams-members';
import { createTurnLogic, type TeamsEventHandler } from './teams-turn';

export interface TeamsEndpointHooks {
  /** Entra tenant ids whose activities are handled; empty accepts every tenant (logged at start). */
  allowedTenants: readonly string[];
  /** Turns a command or click into the bot's answer. Clicks must answer fast: Teams waits for it. */
  onEvent: TeamsEventHandler;
  /** Stores a conversation reference (Storage.putConversationRef). */
  onConversationRef: StoreRef;
  /** Reads one back (Storage.getConversationRef); needed for user-specific card views. */
  getConversationRef?: ReadRef;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
}

export type TeamsEndpointOptions = TeamsEndpointHooks & ({ adapter: TeamsAdapter } | TeamsAdapterSettings);

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The express handler for POST /api/messages (mount it after express.json()).
 * Verifies the Bot Framework token, drops other tenants, then: messages and
 * conversation updates are acknowledged at once and handled after the
 * response; `adaptiveCard/action` invokes are answered in the response.
 */
export function createTeamsEndpoint(options: TeamsEndpointOptions): RequestHandler {
  const adapter = 'adapter' in options ? options.adapter : createTeamsAdapter(options);
  const logger = adapter.logger;
  const allowed = new Set(options.allowedTenants);
  if (allowed.size === 0) logger.warn('teams.allowedTenants is empty: activities from every Microsoft Entra tenant are accepted');

  const logic = createTurnLogic({
    onEvent: options.onEvent,
    memory: new ConversationMemory(options.onConversationRef, logger),
    getConversationRef: options.getConversationRef,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? realSleep,
    logger,
  });

  return async (req, res) => {
    const activity = asActivity(req.body);
    if (!activity) {
      res.status(400).json({ error: 'The body is not a Bot Framework activity.' });
      return;
    }
    // Refused before anything else: the reply would go to this URL, and with auth on, with our token.
    if (!adapter.authDisabled && !isServiceUrlAllowed(activity.serviceUrl, adapter.serviceUrlAllowList)) {
      logger.warn({ serviceUrl: activity.serviceUrl, activityType: activity.type }, 'teams activity with a serviceUrl not on teams.serviceUrlAllowList: refused');
      res.status(403).json({ error: 'This serviceUrl is not allowed.' });
      return;
    }
    const header = req.headers.authorization;
    let auth: AuthenticateRequestResult;
    try {
      auth = await authenticateActivity(adapter, activity, typeof header === 'string' ? header : '');
    } catch (error) {
      const { status, reason } = authFailureStatus(error);
      logger.warn({ status, reason, activityType: activity.type, serviceUrl: activity.serviceUrl }, 'teams request rejected');
      res.status(status).json({ error: status === 503 ? 'Token keys unavailable.' : 'Unauthorized.' });
      return;
    }

    const tenantId = tenantOf(activity);
    if (allowed.size > 0 && (!tenantId || !allowed.has(tenantId))) {
      logger.warn({ tenantId, activityType: activity.type, activityId: activity.id }, 'teams activity from a tenant that is not allowed: dropped');
      if (activity.type === ActivityTypes.Invoke) res.status(200).json(errorInvokeResponse(400, 'This bot does not serve your organisation.').body);
      else res.status(200).end();
      return;
    }

    if (activity.type !== ActivityTypes.Invoke) {
      // Acknowledge first: nothing slow happens before the ack.
      res.status(200).end();
      adapter.cloud.runVerified(auth, activity, logic).catch((err: unknown) => logger.error({ err, activityId: activity.id }, 'teams activity failed'));
      return;
    }
    try {
      const response = await adapter.cloud.runVerified(auth, activity, logic);
      res.status(response?.status ?? 200);
      if (response?.body !== undefined) res.json(response.body);
      else res.end();
    } catch (err) {
      logger.error({ err, activityId: activity.id }, 'teams invoke failed');
      res.status(500).json(errorInvokeResponse(500, 'Something went wrong on our side; nothing was changed.').body);
    }
  };
}

/** The fields every later step relies on; anything else is not an activity we can answer. */
function asActivity(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const a = body as Partial<Activity>;
  if (typeof a.type !== 'string' || typeof a.serviceUrl !== 'string' || typeof a.channelId !== 'string') return undefined;
  if (typeof a.conversation?.id !== 'string' || typeof a.from?.id !== 'string' || typeof a.recipient?.id !== 'string') return undefined;
  if ((a.type === ActivityTypes.Message || a.type === ActivityTypes.Invoke) && (typeof a.id !== 'string' || a.id === '')) return undefined;
  return a as Activity;
}
