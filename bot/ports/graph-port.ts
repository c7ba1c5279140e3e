import type {
  AssignmentRequestInput,
  DirectoryAudit,
  DirectoryUser,
  Domain,
  MessageRule,
  RoleAssignment,
  RoleAssignmentScheduleRequest,
  RoleDefinition,
  RolePolicySummary,
  RoleScheduleInstance,
  SignIn,
  UserRegistrationDetails,
} from '../../workflows/graph-records';

export interface TimeWindow {
  /** ISO-8601, inclusive. */
  since: string;
  /** ISO-8601, inclusive; default now. */
  until?: string;
}

/**
 * The Graph operations the bot uses, one function each. adapters/graph
 * implements it over @microsoft/microsoft-graph-client; failures are
 * BreakglassErrors with codes graph.* (throttled ones carry retryAt).
 */
export interface GraphPort {
  /** Newest first, one page at a time so memory stays flat. */
  signIns(window: TimeWindow & { userIds?: string[]; beta?: boolean }): AsyncIterable<SignIn[]>;
  directoryAudits(window: TimeWindow & { category?: string }): AsyncIterable<DirectoryAudit[]>;
  roleDefinitions(): Promise<RoleDefinition[]>;
  /** Case-insensitive display name or a short name such as GA / PRA. */
  resolveRole(name: string): Promise<RoleDefinition | undefined>;
  /** Without a principal: every eligibility in the tenant (the privileged set). */
  eligibilityInstances(principalId?: string): Promise<RoleScheduleInstance[]>;
  assignmentInstances(filter: { principalId?: string; roleDefinitionId?: string }): Promise<RoleScheduleInstance[]>;
  roleAssignments(filter: { roleDefinitionId?: string; principalId?: string }): Promise<RoleAssignment[]>;
  createAssignmentRequest(request: AssignmentRequestInput): Promise<RoleAssignmentScheduleRequest>;
  assignmentRequests(filter: { principalId?: string; roleDefinitionId?: string; status?: string }): Promise<RoleAssignmentScheduleRequest[]>;
  rolePolicy(roleDefinitionId: string): Promise<RolePolicySummary>;
  userRegistrationDetails(userIds?: string[]): Promise<UserRegistrationDetails[]>;
  user(idOrUpn: string): Promise<DirectoryUser | undefined>;
  userByEmail(email: string): Promise<DirectoryUser | undefined>;
  groupMemberIds(groupId: string): Promise<string[]>;
  /** Groups that can hold a directory role (isAssignableToRole). */
  roleAssignableGroupIds(): Promise<string[]>;
  /** Principals eligible for or assigned membership/ownership of the group in PIM for Groups. */
  pimGroupPrincipalIds(groupId: string): Promise<string[]>;
  domains(): Promise<Domain[]>;
  /** The user's inbox rules; undefined when the user has no Exchange Online mailbox. */
  inboxRules(userId: string): Promise<MessageRule[] | undefined>;
  /**
   * Installs the Teams app (catalog id) in the user's personal scope so the bot
   * may open a 1:1 chat with them; 'already' when Graph answers 409.
   */
  installTeamsApp?(userId: string, catalogAppId: string): Promise<'installed' | 'already'>;
}
