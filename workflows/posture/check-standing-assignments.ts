import type { PostureCheckResult, PostureSubject } from './posture-types';
import { TOP_ROLES } from './role-catalog';
import type { TenantView } from './tenant-view';

/**
 * Permanent active assignments to privileged roles, which PIM eligibility
 * should replace. Emergency accounts are meant to hold theirs. Standing Global
 * or Privileged Role Administrator fails; other privileged roles warn.
 */
export function checkStandingAssignments(view: TenantView): PostureCheckResult {
  const subjects: PostureSubject[] = [];
  let top = false;
  for (const h of view.holdings) {
    if (h.kind !== 'standing' || !view.isPrivilegedRole(h)) continue;
    const user = view.userById(h.principalId);
    if (user && view.isEmergency(user)) continue;
    if (TOP_ROLES.includes(h.templateId)) top = true;
    subjects.push({ id: h.principalId, name: view.nameOf(h.principalId), reason: `standing ${h.roleName}` });
  }
  subjects.sort((a, b) => a.name.localeCompare(b.name) || a.reason.localeCompare(b.reason));
  return {
    id: 'posture.standing-assignments',
    title: 'Privileged roles held through PIM eligibility, not standing assignments',
    status: top ? 'fail' : subjects.length ? 'warn' : 'pass',
    summary: subjects.length ? `${subjects.length} standing privileged assignment${subjects.length === 1 ? '' : 's'} should be made eligible in PIM.` : 'No standing privileged assignments besides the emergency accounts.',
    subjects,
  };
}
