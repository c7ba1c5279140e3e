import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * App-only access tokens, shaped like Entra's (a JWT with tid, appid, roles,
 * aud) but signed with a key only this simulator process knows. Expiry runs on
 * wall time, not the scenario clock: the identity library caches tokens by wall
 * time, and a test that moves the scenario clock a day must not break sign-in.
 */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  idtyp: 'app';
  roles: string[];
  iat: number;
  nbf: number;
  exp: number;
}

export type TokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class TokenIssuer {
  private key = randomBytes(32);

  constructor(private readonly lifetimeSeconds = 3599) {}

  get expiresIn(): number {
    return this.lifetimeSeconds;
  }

  issue(claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp' | 'idtyp'>): string {
    const now = Math.floor(Date.now() / 1000);
    const body: AccessTokenClaims = { ...claims, idtyp: 'app', iat: now, nbf: now - 300, exp: now + this.lifetimeSeconds };
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256', kid: 'tenant-sim' })}.${b64(body)}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** Invalidates every token issued so far, like a revoked signing key. */
  rotateKey(): void {
    this.key = randomBytes(32);
  }

  verify(token: string, expected: { aud: string; tid: string }): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    const [header = '', body = '', signature = ''] = parts;
    const actual = Buffer.from(signature);
    const wanted = Buffer.from(this.sign(`${header}.${body}`));
    if (actual.length !== wanted.length || !timingSafeEqual(actual, wanted)) return { ok: false, reason: 'Access token validation failure. Invalid signature.' };
    let claims: AccessTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenClaims;
    } catch {
      return { ok: false, reason: 'Access token validation failure.' };
    }
    if (claims.exp * 1000 <= Date.now()) return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
    if (claims.aud !== expected.aud) return { ok: false, reason: 'Access token validation failure. Invalid audience.' };
    if (claims.tid !== expected.tid) return { ok: false, reason: 'Access token validation failure. Invalid tenant.' };
    return { ok: true, claims };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
