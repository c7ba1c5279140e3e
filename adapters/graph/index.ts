/** The Microsoft Graph adapter: GraphPort over @azure/identity and the Graph SDK. */
export { createGraphPort, type GraphPortSettings } from './graph-port';
export { createGraphCredential, graphCredentialKind, isMicrosoftAuthorityHost, type GraphCredentialSettings, type GraphCredentialKind } from './credential';
export { FEATURE_PERMISSIONS, OPERATION_FEATURE, ALL_FEATURES, permissionsFor, type GraphFeature, type FeaturePermissions } from './permissions';
export { GRAPH_ERROR_SENTENCES, POLICY_RULE_PHRASES } from './graph-error-sentences';
export { RequestPacer } from './request-pacer';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './throttle-retry-middleware';
export { findRole, ROLE_SHORT_NAMES } from './queries/resolve-role';
