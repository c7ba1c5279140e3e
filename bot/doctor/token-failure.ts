/** The settings an app credential comes from, so a fix can name the variable to change. */
export interface CredentialSettingNames {
  tenant: string;
  client: string;
  secret: string;
  /** Where tokens come from (the authority host setting). */
  authority: string;
}

/**
 * What went wrong getting a token, from the identity platform's AADSTS code,
 * and the step that fixes it. Only the first line of the error is kept: the
 * rest is trace and correlation ids.
 */
export function explainTokenFailure(error: unknown, names: CredentialSettingNames): { detail: string; fix: string } {
  const text = error instanceof Error ? error.message : String(error);
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  const first = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split(/\r?\n/)[0] ?? '').slice(0, 300);
  const detail = code ? first : `no token: ${first}`;
  switch (code) {
    case '7000215':
    case '7000222':
      return { detail, fix: `The client secret is wrong or has expired: create a new one under App registrations > Certificates & secrets and set ${names.secret} to its value (not its id).` };
    case '7000218':
      return { detail, fix: `Set ${names.secret} (or a certificate) for the app.` };
    case '700016':
      return { detail, fix: `No app with this client id is registered in that tenant: check ${names.client}, and set ${names.tenant} to the tenant the app is registered in.` };
    case '90002':
      return { detail, fix: `That tenant does not exist: set ${names.tenant} to your Microsoft Entra tenant id (a GUID) or its primary domain.` };
    case '700027':
      return { detail, fix: 'The app registration does not have this certificate: upload its public part under App registrations > Certificates & secrets, or point the setting at the right file.' };
    default:
      return { detail, fix: `Check ${names.tenant}, ${names.client} and ${names.secret}, and that ${names.authority} is reachable from this host.` };
  }
}

/** The application permissions (`roles`) and tenant (`tid`) of an app-only access token. Not verified: only read. */
export function tokenClaims(token: string): { roles: string[]; tenantId?: string } {
  const body = token.split('.')[1];
  if (!body) return { roles: [] };
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { roles?: unknown; tid?: unknown };
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
    return { roles, ...(typeof claims.tid === 'string' ? { tenantId: claims.tid } : {}) };
  } catch {
    // Not a JWT we can read (some tokens are opaque): no claims to report.
    return { roles: [] };
  }
}
