import { parseIsoDuration } from '../duration';
import type { PostureCheckResult, PostureData, PostureSubject } from './posture-types';
import { PRIVILEGED_ROLE_TEMPLATES, TOP_ROLES } from './role-catalog';

/**
 * PIM activation settings of Global and Privileged Role Administrator: MFA
 * (fail without), justification and approval (warn without), and a maximum
 * duration no longer than accepted.
 */
export function checkPimSettings(data: PostureData, maxActivation: string): PostureCheckResult {
  const maxMs = parseIsoDuration(maxActivation) ?? 8 * 3_600_000;
  const subjects: PostureSubject[] = [];
  let fail = false;
  const templateOf = (roleId: string): string => {
    const d = data.roleDefinitions?.find((r) => r.id.toLowerCase() === roleId.toLowerCase());
    return (d?.templateId ?? roleId).toLowerCase();
  };
  for (const role of TOP_ROLES) {
    const name = PRIVILEGED_ROLE_TEMPLATES[role] ?? role;
    const policy = data.rolePolicies.find((p) => templateOf(p.roleDefinitionId) === role);
    if (!policy) {
      subjects.push({ id: role, name, reason: 'PIM settings could not be read' });
      continue;
    }
    const reasons: string[] = [];
    if (!policy.requireMfaOnActivation) {
      reasons.push('MFA not required on activation');
      fail = true;
    }
    if (!policy.requireJustificationOnActivation) reasons.push('no justification required');
    if (!policy.requireApprovalOnActivation) reasons.push('no approval required');
    const dur = policy.maximumActivationDuration ? parseIsoDuration(policy.maximumActivationDuration) : undefined;
    if (dur === undefined) reasons.push('maximum activation duration unknown');
    else if (dur > maxMs) reasons.push(`activations last up to ${policy.maximumActivationDuration}, more than ${maxActivation}`);
    if (reasons.length) subjects.push({ id: role, name, reason: reasons.join('; ') });
  }
  return {
    id: 'posture.pim-settings',
    title: 'PIM settings for Global and Privileged Role Administrator',
    status: fail ? 'fail' : subjects.length ? 'warn' : 'pass',
    summary: subjects.length ? `${subjects.length} of 2 top roles have weak or unreadable PIM activation settings.` : `Both roles require MFA, justification and approval, for at most ${maxActivation}.`,
    subjects,
  };
}
