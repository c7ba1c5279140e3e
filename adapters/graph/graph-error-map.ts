import { GraphError } from '@microsoft/microsoft-graph-client';
import { BreakglassError, isBreakglassError } from '../../bot/core/errors';
import type { Clock } from '../../bot/ports/clock';
import { GRAPH_ERROR_SENTENCES, failedPolicyRules, policyFailureSentence } from './graph-error-sentences';
import { FEATURE_PERMISSIONS, type GraphFeature } from './permissions';
import { retryAfterMs } from './retry-after';

export interface OperationInfo {
  /** GraphPort operation name, for the log. */
  op: string;
  feature: GraphFeature;
  /** Completes "Microsoft Graph has no ..." on a 404, e.g. "user adm-x@contoso.com". */
  notFound?: string;
}

/** When there is no Retry-After, how long the workflow should wait before trying again. */
const DEFAULT_THROTTLE_WAIT_MS = 30_000;
const DEFAULT_OUTAGE_WAIT_MS = 60_000;

function when(retryAt: number, now: number): string {
  const seconds = Math.max(1, Math.round((retryAt - now) / 1000));
  if (seconds < 120) return `in ${seconds} seconds`;
  const d = new Date(retryAt);
  return `at ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

function headerOf(e: GraphError, name: string): string | null {
  const headers = e.headers as Headers | undefined;
  return headers && typeof headers.get === 'function' ? headers.get(name) : null;
}

/**
 * Turns whatever a Graph call threw into a BreakglassError with a code the
 * workflows branch on and one sentence a responder understands. Detail for the
 * log (status, Graph code and message, request id) goes in `detail`.
 */
export function toGraphError(e: unknown, info: OperationInfo, clock: Clock): BreakglassError {
  if (isBreakglassError(e)) return e;
  const now = clock.now();
  if (!(e instanceof GraphError)) {
    return new BreakglassError('graph.unavailable', 'Something went wrong talking to Microsoft Graph; try again in a few minutes.', {
      cause: e,
      retryAt: now + DEFAULT_OUTAGE_WAIT_MS,
      detail: { op: info.op },
    });
  }
  const status = e.statusCode;
  const graphCode = e.code ?? '';
  const detail = { op: info.op, status, graphCode, graphMessage: e.message, requestId: e.requestId ?? undefined };
  const make = (code: ConstructorParameters<typeof BreakglassError>[0], sentence: string, retryAt?: number) => new BreakglassError(code, sentence, { cause: e, detail, retryAt });

  switch (graphCode) {
    case 'GraphTimeout':
      return make('graph.unavailable', 'Microsoft Graph did not answer in time; try again in a few minutes.', now + DEFAULT_OUTAGE_WAIT_MS);
    case 'GraphNetworkError':
      return make('graph.unavailable', 'The bot cannot reach Microsoft Graph right now; try again in a few minutes.', now + DEFAULT_OUTAGE_WAIT_MS);
    case 'CredentialRejected':
      return make('graph.unauthorized', "Microsoft Entra ID refused the bot's app credential; check the client id and that its secret or certificate has not expired.");
    case 'CredentialUnavailable':
      return make('graph.unavailable', 'The bot cannot get a sign-in token from Microsoft Entra ID right now; check the tenant id and that the sign-in service is reachable.', now + DEFAULT_OUTAGE_WAIT_MS);
  }

  if (status === 429 || status === 503 || status === 504 || status === 502 || status === 500) {
    const after = retryAfterMs(headerOf(e, 'retry-after'), now);
    if (status === 429) {
      const retryAt = now + (after ?? DEFAULT_THROTTLE_WAIT_MS);
      return make('graph.throttled', `Microsoft Graph is throttling the bot; it will try again ${when(retryAt, now)}.`, retryAt);
    }
    return make('graph.unavailable', 'Microsoft Graph is not answering right now; try again in a few minutes.', now + (after ?? DEFAULT_OUTAGE_WAIT_MS));
  }

  if (graphCode === 'RoleAssignmentRequestPolicyValidationFailed') return make('graph.bad_request', policyFailureSentence(failedPolicyRules(e.message)));

  if (status === 403) {
    if (graphCode === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
      const known = GRAPH_ERROR_SENTENCES[graphCode];
      return make('graph.forbidden', known?.sentence ?? 'This needs a Microsoft Entra ID P1 or P2 licence.');
    }
    const need = FEATURE_PERMISSIONS[info.feature];
    const list = need.permissions.join(' and ');
    return make('graph.forbidden', `The bot's app registration needs the ${list} application permission${need.permissions.length > 1 ? 's' : ''} to ${need.purpose}; an administrator must grant ${need.permissions.length > 1 ? 'them' : 'it'}.`);
  }

  const known = GRAPH_ERROR_SENTENCES[graphCode];
  if (known) return make(known.code, known.sentence);

  switch (status) {
    case 401:
      return make('graph.unauthorized', "Microsoft Graph did not accept the bot's sign-in; check the app's tenant id, client id and credential.");
    case 404:
      return make('graph.not_found', info.notFound ? `Microsoft Graph has no ${info.notFound}.` : 'Microsoft Graph could not find what the bot asked for.');
    case 409:
      return make('graph.conflict', 'Microsoft Graph refused the change because it conflicts with the current state; check it and try again.');
    case 400:
      return make('graph.bad_request', 'Microsoft Graph rejected the request as malformed; this is a bug in the bot and the log has the details.');
    default:
      return make('graph.unavailable', 'Microsoft Graph gave an unexpected answer; try again in a few minutes.', now + DEFAULT_OUTAGE_WAIT_MS);
  }
}
