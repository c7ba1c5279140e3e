import type {
  DirectoryUser,
  RoleAssignment,
  RoleDefinition,
  RolePolicySummary,
  RoleScheduleInstance,
  SignIn,
  UserRegistrationDetails,
} from '../graph-records';

/**
 * The roadmap's stage-1 checks run over what Graph says about the tenant.
 * Pure: the caller fetches, these functions judge.
 */

export type PostureStatus = 'pass' | 'warn' | 'fail';

export const STATUS_ORDER: Record<PostureStatus, number> = { fail: 0, warn: 1, pass: 2 };

/** An account (or a role, for settings checks) a check is about, and why. */
export interface PostureSubject {
  id: string;
  /** UPN for accounts, display name for roles. */
  name: string;
  reason: string;
}

export interface PostureCheckResult {
  id: string;
  title: string;
  status: PostureStatus;
  /** One plain sentence for the report. */
  summary: string;
  subjects: PostureSubject[];
}

export interface PostureReport {
  checkedAt: string;
  /** The worst status of any check. */
  status: PostureStatus;
  checks: PostureCheckResult[];
}

export interface PostureData {
  /** At least every role holder and every emergency account. */
  users: DirectoryUser[];
  roleDefinitions?: RoleDefinition[];
  /** unifiedRoleAssignment: active assignments, standing or not. */
  roleAssignments: RoleAssignment[];
  /**
   * unifiedRoleAssignmentScheduleInstance: when given, tells standing
   * assignments (Assigned, no end) from PIM activations and time-bound ones.
   */
  assignmentInstances?: RoleScheduleInstance[];
  eligibilityInstances: RoleScheduleInstance[];
  registrationDetails: UserRegistrationDetails[];
  /** Sign-ins of the emergency accounts; a successful one counts as a test. */
  emergencySignIns?: SignIn[];
  /**
   * Last successful sign-in per user id or UPN (e.g. user.signInActivity),
   * since the sign-in log keeps only 30 days and tests are due every 90.
   */
  lastSuccessfulSignIn?: Record<string, string>;
  rolePolicies: RolePolicySummary[];
}

export interface PostureContext {
  /** Epoch ms; injected so reports are reproducible. */
  now: number;
  emergencyAccounts: Array<{ upn?: string; id?: string }>;
  maxGlobalAdmins?: number;
  privilegedNamePrefix?: string;
  /** Role template ids or display names counted as privileged; default PRIVILEGED_ROLE_TEMPLATES. */
  privilegedRoles?: string[];
  emergencyTestMaxAgeDays?: number;
  passwordMaxAgeDays?: number;
  /** Longest PIM activation accepted for Global / Privileged Role Administrator, ISO-8601 (default PT8H). */
  maxActivationDuration?: string;
}
