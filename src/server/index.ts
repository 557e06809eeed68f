export { adminActionUsage, startAdminApi } from './admin-api';
export type { AdminApiOptions, RunningAdminApi } from './admin-api';
export { DECISION_HEADERS, startReferenceProxy } from './reference-proxy';
export type { ReferenceProxyOptions, RunningProxy } from './reference-proxy';
