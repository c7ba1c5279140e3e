import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding, statusText } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.legacy-protocol', title: 'Privileged account used legacy authentication', riskLevel: 'High' };

/** IMAP, POP3, SMTP, MAPI, 'Other clients' ...: protocols that cannot do MFA, and sprays use them. */
export const legacyProtocol = signInRule({
  ...meta,
  match(r, ctx, subject) {
    const client = r.clientAppUsed;
    if (!client || !isWatchedPrivileged(subject) || !ctx.legacyClients.has(client.toLowerCase())) return undefined;
    return signInFinding(r, ctx, subject, meta, `Sign-in over ${client} ${statusText(r)}.`, client);
  },
});
