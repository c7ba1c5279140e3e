import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { readBody } from '../../sim';

/**
 * The Microsoft identity side of the Bot Framework, on 127.0.0.1 over HTTPS
 * (test CA in test/fixtures/tls; run with NODE_EXTRA_CA_CERTS=…/ca.crt):
 *
 * - Bot Framework channel tokens (what Teams sends the bot): OpenID metadata
 *   at /v1/.well-known/openidconfiguration and the signing keys (JWKS with
 *   endorsements) it points to; `channelToken()` signs RS256 tokens the way
 *   the channel does (iss, aud = app id, serviceurl, nbf, exp).
 * - Microsoft Entra client credentials (what the bot uses to answer): the
 *   v2.0 OpenID configuration per tenant and a token endpoint that checks the
 *   client id and secret and issues tokens for https://api.botframework.com.
 *   `verifyBotToken()` is what the fake Bot Connector checks them with.
 */
export interface FakeBotIssuer {
  url: string;
  openIdMetadataUrl: string;
  /** Issuer of channel tokens; Microsoft's real value by default. */
  channelIssuer: string;
  channelToken(claims: ChannelTokenClaims, options?: { key?: 'trusted' | 'unknown'; alg?: 'RS256' | 'none' }): string;
  /** true when a Bearer token came from this issuer's token endpoint for the Bot Connector audience. */
  verifyBotToken(token: string): boolean;
  /** Client-credential token requests received, for asserting on caching. */
  tokenRequests(): number;
  close(): Promise<void>;
}

export interface ChannelTokenClaims {
  aud: string;
  serviceUrl: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export interface FakeBotIssuerOptions {
  /** Client id and secret the token endpoint accepts. */
  clientId: string;
  clientSecret: string;
  channelIssuer?: string;
  /** Channels the signing key is endorsed for. */
  endorsements?: string[];
}

const TLS_DIR = path.join(__dirname, '..', 'fixtures', 'tls');
export const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

function rsaKey(): { privateKey: KeyObject; publicKey: KeyObject; kid: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, kid: randomUUID() };
}

export async function startFakeBotIssuer(options: FakeBotIssuerOptions): Promise<FakeBotIssuer> {
  const channelIssuer = options.channelIssuer ?? 'https://api.botframework.com';
  const trusted = rsaKey();
  const unknown = rsaKey();
  const entra = rsaKey();
  let tokenRequests = 0;
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', base);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
      return json(200, {
        issuer: channelIssuer,
        authorization_endpoint: `${base}/v1/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys') {
      const jwk = trusted.publicKey.export({ format: 'jwk' });
      return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid: trusted.kid, x5t: trusted.kid, n: jwk.n, e: jwk.e, endorsements: options.endorsements ?? ['msteams'] }] });
    }
    const oidc = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && oidc) {
      const tenant = oidc[1]!;
      return json(200, {
        issuer: `${base}/${tenant}/v2.0`,
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        tenant_region_scope: 'WW',
      });
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token) {
      tokenRequests++;
      const form = new URLSearchParams(await readBody(req));
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
        return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      }
      if (form.get('scope') !== `${BOT_CONNECTOR_AUDIENCE}/.default`) return json(400, { error: 'invalid_scope', error_description: 'AADSTS70011: The provided scope is not valid.' });
      const accessToken = jwt.sign({ appid: options.clientId, tid: token[1] }, entra.privateKey, {
        algorithm: 'RS256',
        keyid: entra.kid,
        audience: BOT_CONNECTOR_AUDIENCE,
        issuer: `${base}/${token[1]}/v2.0`,
        expiresIn: 3600,
      });
      return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
    }
    json(404, { error: 'not_found' });
  };

  const server = createServer(
    { cert: readFileSync(path.join(TLS_DIR, 'server.crt')), key: readFileSync(path.join(TLS_DIR, 'server.key')) },
    (req, res) => {
      handle(req, res).catch(() => res.writeHead(500).end());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    channelIssuer,
    channelToken(claims, signing = {}) {
      const key = signing.key === 'unknown' ? unknown : trusted;
      const now = Math.floor(Date.now() / 1000);
      const payload = { serviceurl: claims.serviceUrl, nbf: now - 60, exp: now + (claims.expiresIn ?? 3600), iss: claims.iss ?? channelIssuer, aud: claims.aud };
      if (signing.alg === 'none') {
        const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${part({ alg: 'none', typ: 'JWT', kid: key.kid })}.${part(payload)}.`;
      }
      return jwt.sign(payload, key.privateKey, { algorithm: 'RS256', keyid: key.kid, noTimestamp: true });
    },
    verifyBotToken(candidate) {
      try {
        const claims = jwt.verify(candidate, entra.publicKey, { algorithms: ['RS256'], audience: BOT_CONNECTOR_AUDIENCE });
        return typeof claims === 'object' && claims.appid === options.clientId;
      } catch {
        return false;
      }
    },
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

