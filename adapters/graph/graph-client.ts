import type { TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, HTTPMessageHandler, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../bot/core/logger';
import type { Clock } from '../../bot/ports/clock';
import { CredentialAuthProvider, graphScope } from './credential-auth-provider';
import { ThrottleRetryMiddleware, type RetryPolicy, type Sleep } from './throttle-retry-middleware';

export interface GraphClientSettings {
  /** e.g. https://graph.microsoft.com, or the tenant simulator's URL. */
  baseUrl: string;
  credential: TokenCredential;
  retry: RetryPolicy;
  sleep: Sleep;
  clock: Clock;
  logger: Logger;
}

/**
 * The Microsoft Graph SDK client with our middleware chain: auth from the
 * credential, our throttling/retry (instead of the SDK's sleeping
 * RetryHandler), telemetry headers, then fetch. The base URL's host is a
 * custom host so the SDK sends the token to a stand-in such as the simulator;
 * it only ever attaches tokens to https hosts it knows.
 */
export function createGraphClient(settings: GraphClientSettings): Client {
  const base = new URL(settings.baseUrl);
  if (base.protocol !== 'https:') throw new Error(`The Graph base URL must use https (got ${base.protocol}//${base.host}).`);
  const auth = new AuthenticationHandler(new CredentialAuthProvider(settings.credential, graphScope(settings.baseUrl)));
  const retry = new ThrottleRetryMiddleware(settings.retry, settings.sleep, settings.clock, settings.logger);
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: base.origin,
    defaultVersion: 'v1.0',
    customHosts: new Set([base.hostname]),
  });
}
