/** The simulated Microsoft tenant: a real HTTPS server speaking Graph and the identity endpoints. */
export { startTenantSimulator, DEFAULT_GRANTED_PERMISSIONS, type TenantSimulator, type TenantSimulatorOptions, type RequestLogEntry } from './tenant-simulator';
export { runTenantSimCommand, type TenantSimCommandIo } from './tenant-sim-command';
export { generateSignIns, type GenerateSignInsOptions } from './generate-sign-ins';
export { SCENARIOS, DEFAULT_SEED, QUIET_IDS, UNDER_ATTACK_IDS, buildScenario, isScenarioName, type ScenarioName } from './scenarios';
export { PEOPLE, STAFF, GROUP, TENANT_ID, TENANT_DOMAIN, SIM_CLIENT_ID, userId, personId, type PersonKey } from './contoso-directory';
export { ROLE } from './role-definitions';
export { makeSignIn, type SignInSpec } from './sign-in-factory';
export { makeAudit, type AuditSpec } from './audit-factory';
export type { Fault, RouteName } from './fault-injector';
export type { RoleSettings } from './role-policies';
export type { GraphSignIn, GraphDirectoryAudit } from './graph-shapes';
export { TEST_CA_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE, CLIENT_CERTIFICATE_FILE } from './tls-files';
