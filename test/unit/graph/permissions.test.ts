import { ALL_FEATURES, FEATURE_PERMISSIONS, OPERATION_FEATURE, permissionsFor } from '../../../adapters/graph/permissions';
import { DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';

describe('application permissions per feature', () => {
  it('lists the least-privileged permissions the README documents', () => {
    expect(FEATURE_PERMISSIONS.signIns.permissions).toEqual(['AuditLog.Read.All', 'Directory.Read.All']);
    expect(FEATURE_PERMISSIONS.grant.permissions).toEqual(['RoleAssignmentSchedule.ReadWrite.Directory']);
    // Graph will not list PIM's requests with a read permission (microsoft-graph-docs issue 19139).
    expect(FEATURE_PERMISSIONS.pimRequests.permissions).toEqual(['RoleAssignmentSchedule.ReadWrite.Directory']);
    expect(permissionsFor(['signIns', 'directoryAudits', 'registration'])).toEqual(['AuditLog.Read.All', 'Directory.Read.All']);
  });

  it('covers every operation, and the simulated app is granted exactly what all features need', () => {
    expect(new Set(Object.values(OPERATION_FEATURE))).toEqual(new Set(ALL_FEATURES));
    expect(permissionsFor(ALL_FEATURES)).toEqual([...DEFAULT_GRANTED_PERMISSIONS].sort());
  });

  it('without granting roles, watching PIM requests or installing the Teams app the bot never asks for a write permission', () => {
    const readOnly = permissionsFor(ALL_FEATURES.filter((f) => f !== 'grant' && f !== 'pimRequests' && f !== 'teamsApps'));
    expect(readOnly.some((p) => p.includes('ReadWrite'))).toBe(false);
  });
});
