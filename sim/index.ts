/**
 * The simulated Microsoft tenant: a real HTTPS server speaking Graph and the
 * identity endpoints. A development tool, not part of the bot: the bot loads
 * it lazily (only when no real tenant is configured), and everything outside
 * sim/ uses it through this file (test/unit/architecture checks).
 */
export { startTenantSimulator, DEFAULT_GRANTED_PERMISSIONS, type TenantSimulator, type TenantSimulatorOptions, type RequestLogEntry } from './tenant-simulator';
export { runTenantSimCommand, type TenantSimCommandIo } from './tenant-sim-command';
export { generateSignIns, type GenerateSignInsOptions } from './generate-sign-ins';
export { SCENARIOS, DEFAULT_SEED, QUIET_IDS, UNDER_ATTACK_IDS, PRIVILEGED_CHANGES_IDS, buildScenario, isScenarioName, type ScenarioName } from './scenarios';
export { GROUP_PEOPLE } from './scenarios/privileged-changes';
export { PEOPLE, STAFF, GROUP, TENANT_ID, TENANT_DOMAIN, SIM_CLIENT_ID, userId, personId, syntheticStaff, type PersonKey, type PersonSpec } from './contoso-directory';
export { ROLE, builtInRoleDefinitions } from './role-definitions';
export { makeSignIn, type SignInSpec } from './sign-in-factory';
export { makeAudit, auditUser, otherTarget, roleNameProperty, roleTarget, userTarget, type AuditSpec } from './audit-factory';
export type { Fault, RouteName } from './fault-injector';
export { DEFAULT_ROLE_SETTINGS, policyRules, type RoleSettings } from './role-policies';
export { BETA_ONLY_SIGN_IN_FIELDS, type GraphSignIn, type GraphDirectoryAudit } from './graph-shapes';
export { TEST_CA_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE, CLIENT_CERTIFICATE_FILE } from './tls-files';

// For scenario tests and test fakes: the same building blocks the simulator uses.
export { eligibilityInstance, pimGroupSchedule } from './tenant-data';
export { evaluateFilter, parseFilter } from './odata-filter';
export { nameUuid, seededRandom } from './seeded-random';
export { readBody } from './http-helpers';
export { usualDevice } from './background-activity';
export { drillSignIn } from './scenarios/quiet';
