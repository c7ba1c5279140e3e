import { X509Certificate, constants, verify } from 'node:crypto';
import type { TokenIssuer } from './access-tokens';
import { oauthError, json, type Reply } from './reply';

/** The app registration the simulated tenant knows. */
export interface AppRegistration {
  tenantId: string;
  tenantDomain: string;
  clientId: string;
  clientSecret: string;
  /** PEM certificate registered on the app (for certificate credentials). */
  certificate: X509Certificate;
  servicePrincipalId: string;
  /** Application permissions consented to (the `roles` claim). */
  grantedPermissions: () => string[];
}

interface JwtParts {
  header: { alg?: string; x5t?: string; 'x5t#S256'?: string };
  payload: { aud?: string; iss?: string; sub?: string; exp?: number; nbf?: number };
  signingInput: string;
  signature: Buffer;
}

function parseJwt(token: string): JwtParts | undefined {
  const [h, p, s] = token.split('.');
  if (!h || !p || s === undefined) return undefined;
  try {
    return {
      header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as JwtParts['header'],
      payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as JwtParts['payload'],
      signingInput: `${h}.${p}`,
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

function assertionValid(assertion: string, app: AppRegistration, tokenEndpoint: string): boolean {
  const jwt = parseJwt(assertion);
  if (!jwt) return false;
  const key = app.certificate.publicKey;
  const input = Buffer.from(jwt.signingInput);
  let ok = false;
  if (jwt.header.alg === 'RS256') ok = verify('sha256', input, key, jwt.signature);
  else if (jwt.header.alg === 'PS256') ok = verify('sha256', input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, jwt.signature);
  if (!ok) return false;
  const now = Date.now() / 1000;
  const p = jwt.payload;
  const audOk = p.aud === tokenEndpoint || p.aud === tokenEndpoint.replace(/\/v2\.0\/token$/, '/token');
  return audOk && p.iss === app.clientId && p.sub === app.clientId && typeof p.exp === 'number' && p.exp > now;
}

/**
 * The identity endpoints @azure/identity (MSAL) calls for an app-only token:
 * OpenID metadata, instance discovery and the v2.0 token endpoint with the
 * client-credentials grant, by secret or by signed certificate assertion.
 */
export function identityRoute(
  method: string,
  path: string,
  body: string,
  origin: string,
  app: AppRegistration,
  issuer: TokenIssuer,
): Reply | undefined {
  const knownTenant = (t: string) => t === app.tenantId || t.toLowerCase() === app.tenantDomain;

  if (method === 'GET' && path === '/common/discovery/instance') {
    const host = new URL(origin).host;
    return json(200, {
      tenant_discovery_endpoint: `${origin}/${app.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }

  const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
  if (method === 'GET' && openid) {
    const tenant = openid[1] ?? '';
    if (!knownTenant(tenant)) return oauthError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    const base = `${origin}/${app.tenantId}`;
    return json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${app.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: new URL(origin).host,
      cloud_graph_host_name: new URL(origin).host,
      msgraph_host: new URL(origin).host,
      rbac_url: origin,
    });
  }

  const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (token) {
    if (method !== 'POST') return oauthError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    const tenant = token[1] ?? '';
    if (!knownTenant(tenant)) return oauthError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== app.clientId) {
      return oauthError(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${app.tenantDomain}'.`);
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    const endpoint = `${origin}/${tenant}/oauth2/v2.0/token`;
    if (secret !== null) {
      if (secret !== app.clientSecret) return oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    } else if (assertion !== null) {
      if (!assertionValid(assertion, app, endpoint)) return oauthError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    } else {
      return oauthError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const scope = form.get('scope') ?? '';
    const resource = scope.split(' ').find((s) => s.endsWith('/.default'));
    if (!resource) return oauthError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
    const accessToken = issuer.issue({
      aud: resource.slice(0, -'/.default'.length),
      iss: `${origin}/${app.tenantId}/`,
      tid: app.tenantId,
      appid: app.clientId,
      oid: app.servicePrincipalId,
      roles: app.grantedPermissions(),
    });
    return json(200, { token_type: 'Bearer', expires_in: issuer.expiresIn, ext_expires_in: issuer.expiresIn, access_token: accessToken });
  }
  return undefined;
}
