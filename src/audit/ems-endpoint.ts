import { certSnValue, choiceValue, type FieldContext, inputError, tenantIdValue, uidValue } from './field-values';

/** One endpoint of an EMS export. */
export interface EmsEndpoint {
  readonly uid: string;
  readonly hostName?: string;
  readonly site: string;
  /** Upper-case hex; undefined when EMS lists no certificate for the endpoint. */
  readonly certSn?: string;
  readonly registered: boolean;
  /** The site's EMS tenant id, when the export carries the optional `tenant_id` column. */
  readonly tenantId?: string;
  /** 1-based line where the row (CSV) or object (JSON) starts. */
  readonly line: number;
}

/** A parsed EMS endpoint export. */
export interface EmsExport {
  readonly file: string;
  readonly format: 'csv' | 'json';
  readonly endpoints: readonly EmsEndpoint[];
}

/** The columns (CSV) or keys (JSON) every export must carry; others are ignored. */
export const EMS_COLUMNS = ['uid', 'host_name', 'site', 'cert_sn', 'registration_status'] as const;

/** A column read when present: the site's tenant id, which ties a site to the gateways' records. */
export const EMS_TENANT_COLUMN = 'tenant_id';

/** One required column. */
export type EmsColumn = (typeof EMS_COLUMNS)[number];

const registration = choiceValue({ registered: true, unregistered: false });

/** Validates one row's values; empty host_name and cert_sn mean "not known to EMS". */
export function emsEndpointFrom(
  values: Readonly<Record<EmsColumn, string>>,
  at: FieldContext,
  tenant?: string,
): EmsEndpoint {
  const uid = values.uid.trim();
  if (uid === '') throw inputError(at, 'uid is empty');
  const hostName = values.host_name.trim();
  const certSn = values.cert_sn.trim();
  // Built field by field rather than with spreads of optional parts: an export holds 200,000 rows.
  const endpoint: { -readonly [K in keyof EmsEndpoint]: EmsEndpoint[K] } = {
    uid: uidValue(uid, at, 'uid'),
  } as EmsEndpoint;
  if (hostName !== '') endpoint.hostName = hostName;
  endpoint.site = values.site.trim();
  if (certSn !== '') endpoint.certSn = certSnValue(certSn, at, 'cert_sn');
  endpoint.registered = registration(values.registration_status.trim(), at, 'registration_status');
  const tenantId = tenant?.trim() ?? '';
  if (tenantId !== '') endpoint.tenantId = tenantIdValue(tenantId, at, EMS_TENANT_COLUMN);
  endpoint.line = at.line;
  return endpoint;
}
