export type { AdminApiOptions, RunningAdminApi } from './admin-api';
export { adminActionUsage, startAdminApi } from './admin-api';
export type { ReferenceProxyOptions, RunningProxy } from './reference-proxy';
export { DECISION_HEADERS, startReferenceProxy } from './reference-proxy';
