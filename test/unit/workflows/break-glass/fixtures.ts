import type { SignIn } from '../../../../workflows/graph-records';
import { summarizeSignIns } from '../../../../workflows/break-glass/sign-in-summary';

let seq = 0;

/** A signIn record shaped like Graph v1.0's, with only what a test cares about set. */
export function signIn(over: Partial<SignIn> & { upn?: string; code?: number; when?: string; country?: string } = {}): SignIn {
  seq += 1;
  const { upn, code, when, country, ...rest } = over;
  return {
    id: `si-${seq}`,
    createdDateTime: when ?? '2025-03-03T01:30:00Z',
    userId: `user-${upn ?? 'adm-alex'}`,
    userPrincipalName: upn ?? 'adm-alex@contoso.com',
    clientAppUsed: 'Browser',
    status: { errorCode: code ?? 0, failureReason: code ? 'Other.' : null, additionalDetails: null },
    location: { city: null, state: null, countryOrRegion: country ?? 'DE' },
    riskLevelDuringSignIn: 'none',
    riskLevelAggregated: 'none',
    riskState: 'none',
    ...rest,
  };
}

/** The summary the effect handler would compute for a quiet window with two bad passwords. */
export function twoBadPasswords() {
  return summarizeSignIns([signIn({ code: 50126 }), signIn({ code: 50126 }), signIn()], { since: '2025-03-02T02:00:00.000Z', until: '2025-03-03T02:00:00.000Z' });
}

export const domains = {
  cloudOnly: [
    { id: 'contoso.onmicrosoft.com', authenticationType: 'Managed', isDefault: false, isVerified: true },
    { id: 'contoso.com', authenticationType: 'Managed', isDefault: true, isVerified: true },
  ],
  hybrid: [
    { id: 'contoso.onmicrosoft.com', authenticationType: 'Managed', isDefault: false, isVerified: true },
    { id: 'corp.contoso.com', authenticationType: 'Federated', isDefault: true, isVerified: true },
  ],
};

export const exportedFiles = [
  { name: 'INC-7-signins.jsonl', count: 412, sha256: 'a'.repeat(64) },
  { name: 'INC-7-directory-audits.jsonl', count: 88, sha256: 'b'.repeat(64) },
  { name: 'INC-7-incident-audit.jsonl', count: 31, sha256: 'c'.repeat(64) },
  { name: 'manifest.sha256', count: 3, sha256: 'd'.repeat(64) },
];
