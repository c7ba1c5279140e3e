import type { PostureCheckResult, PostureSubject } from './posture-types';
import type { TenantView } from './tenant-view';

/**
 * At least two emergency accounts, each cloud-only on *.onmicrosoft.com (so a
 * federation or sync outage cannot lock it out), enabled, and holding Global
 * Administrator permanently and actively.
 */
export function checkEmergencyAccounts(view: TenantView, accounts: ReadonlyArray<{ upn?: string; id?: string }>): PostureCheckResult {
  const id = 'posture.emergency-accounts';
  const title = 'At least two cloud-only emergency access accounts with permanent Global Administrator';
  const problems: PostureSubject[] = [];
  let qualifying = 0;
  for (const ref of accounts) {
    const user = view.userByRef(ref);
    const name = user?.userPrincipalName ?? ref.upn ?? ref.id ?? 'unknown';
    if (!user) {
      problems.push({ id: ref.id ?? name, name, reason: 'not found in the directory' });
      continue;
    }
    const reasons: string[] = [];
    if (user.accountEnabled === false) reasons.push('disabled');
    if (user.onPremisesSyncEnabled === true) reasons.push('synchronised from on-premises');
    if (!user.userPrincipalName.toLowerCase().endsWith('.onmicrosoft.com')) reasons.push('not on an *.onmicrosoft.com domain');
    const ga = view.holdings.some((h) => h.principalId.toLowerCase() === user.id.toLowerCase() && view.isGlobalAdmin(h) && h.kind === 'standing');
    if (!ga) reasons.push('no permanent active Global Administrator assignment');
    if (reasons.length) problems.push({ id: user.id, name, reason: reasons.join('; ') });
    else qualifying++;
  }
  const status = qualifying < 2 ? 'fail' : problems.length ? 'warn' : 'pass';
  const summary =
    accounts.length === 0
      ? 'No emergency access accounts are configured.'
      : qualifying < 2
        ? `${qualifying} of ${accounts.length} configured emergency account${accounts.length === 1 ? '' : 's'} qualify; at least two are needed.`
        : problems.length
          ? `${qualifying} of ${accounts.length} configured emergency accounts qualify; the others need fixing.`
          : `All ${qualifying} configured emergency accounts qualify.`;
  return { id, title, status, summary, subjects: problems };
}
