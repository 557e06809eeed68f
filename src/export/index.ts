export type { EnforcementModel, TrustedRoot } from './enforcement-model';
export { enforcementModel } from './enforcement-model';
export type { ExportOptions } from './export-lab';
export { exportLab } from './export-lab';
export { haproxyConfig } from './haproxy-config';
export { nginxConfig } from './nginx-config';
export type { ProxyTls } from './proxy-tls';
export { proxyTlsOf } from './proxy-tls';
