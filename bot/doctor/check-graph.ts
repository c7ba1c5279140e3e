import { isBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import { fail, pass, skip, type CheckLine } from './check-line';
import { harmlessCall } from './graph-feature-calls';
import type { GraphFeatureName, PermissionTable } from './graph-features';
import { explainTokenFailure, tokenClaims } from './token-failure';

export interface GraphProbe {
  /** e.g. "https://graph.microsoft.com, tenant …, app …". */
  describe: string;
  /** An app-only token for Graph, fetched the way the bot fetches it. */
  accessToken(): Promise<string>;
  graph: GraphPort;
}

export interface GraphCheckOptions {
  features: readonly GraphFeatureName[];
  permissions: PermissionTable;
  now: number;
  /** A group named in the role bindings, to read its members. */
  groupId?: string;
}

const PART = 'Graph';
/** Either lets the bot create and remove time-bound role assignments. */
const GRANT_ALTERNATIVES = ['RoleAssignmentSchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'];

function consentFix(permissions: readonly string[]): string {
  const list = permissions.join(', ');
  return `In the Microsoft Entra admin center open App registrations > the bot's app > API permissions, add the Microsoft Graph application permission${permissions.length > 1 ? 's' : ''} ${list}, then Grant admin consent.`;
}

/** A token first; then, per feature in use, one harmless read that needs exactly that feature's permissions. */
export async function checkGraph(probe: GraphProbe, options: GraphCheckOptions): Promise<CheckLine[]> {
  let token: string;
  try {
    token = await probe.accessToken();
  } catch (e) {
    const { detail, fix } = explainTokenFailure(e, { tenant: 'AZURE_TENANT_ID', client: 'AZURE_CLIENT_ID', secret: 'AZURE_CLIENT_SECRET', authority: 'graph.authorityHost' });
    // Without a token every feature would fail the same way: one line says it.
    return [fail(PART, 'app token', `${probe.describe}: ${detail}`, fix)];
  }
  const { roles } = tokenClaims(token);
  const tokenLine = pass(PART, 'app token', `${probe.describe}; ${roles.length} application permission${roles.length === 1 ? '' : 's'} granted`);
  return [tokenLine, ...(await checkFeatures(probe, options, roles))];
}

async function checkFeatures(probe: GraphProbe, options: GraphCheckOptions, roles: readonly string[]): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  for (const feature of options.features) {
    const { permissions, purpose } = options.permissions[feature];
    const what = `${purpose} (${permissions.join(', ')})`;
    if (feature === 'grant') {
      const held = GRANT_ALTERNATIVES.find((p) => roles.includes(p));
      lines.push(
        held
          ? pass(PART, what, `granted (${held}; read from the token, since trying it would change the tenant)`)
          : fail(PART, what, `the token does not carry ${permissions.join(', ')}; the bot cannot grant roles in 'bot' grant mode`, consentFix(permissions)),
      );
      continue;
    }
    if (feature === 'teamsApps') {
      // Installing is the only call that proves it, and it changes someone's Teams: read the token instead.
      const held = permissions.every((p) => roles.includes(p));
      lines.push(
        held
          ? pass(PART, what, 'granted (read from the token, since trying it would install the app for someone)')
          : fail(PART, what, `the token does not carry ${permissions.join(', ')}; Teams people who never used the bot get their page as a channel @mention instead`, consentFix(permissions)),
      );
      continue;
    }
    const call = harmlessCall(probe.graph, feature, { now: options.now, ...(options.groupId ? { groupId: options.groupId } : {}) });
    if (!call) {
      lines.push(skip(PART, what, 'nothing to read it with'));
      continue;
    }
    try {
      await call();
      lines.push(pass(PART, what, 'Graph answered'));
    } catch (e) {
      lines.push(featureFailure(e, what, permissions, roles));
    }
  }
  return lines;
}

function featureFailure(e: unknown, what: string, permissions: readonly string[], roles: readonly string[]): CheckLine {
  if (isBreakglassError(e) && e.code === 'graph.forbidden') {
    // Name what the token lacks; when it seems to hold everything, Graph knows better: name the lot.
    const missing = permissions.filter((p) => !roles.includes(p));
    const named = missing.length > 0 ? missing : permissions;
    if (/licen[cs]e/i.test(e.userMessage)) return fail(PART, what, e.userMessage, 'Sign-in logs need a Microsoft Entra ID P1 or P2 licence in the tenant.');
    return fail(PART, what, `Graph refused (403): the app lacks ${named.join(', ')}`, consentFix(named));
  }
  if (isBreakglassError(e) && e.code === 'graph.not_found') return fail(PART, what, e.userMessage, 'Check the group: ids in the role bindings against the tenant.');
  const why = isBreakglassError(e) ? e.userMessage : 'Graph gave an unexpected answer.';
  return fail(PART, what, why, 'Run the doctor again in a few minutes; if it keeps failing, check graph.baseUrl and that Graph is reachable from this host.');
}
