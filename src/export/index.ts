export { enforcementModel } from './enforcement-model';
export type { EnforcementModel, TrustedRoot } from './enforcement-model';
export { exportLab } from './export-lab';
export type { ExportOptions } from './export-lab';
export { haproxyConfig } from './haproxy-config';
export { nginxConfig } from './nginx-config';
export { proxyTlsOf } from './proxy-tls';
export type { ProxyTls } from './proxy-tls';
