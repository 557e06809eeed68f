/**
 * The access matrix of a lab: every endpoint (with the certificate it holds) and every client
 * without a certificate, by user-agent class, against every destination the access proxy's
 * rules name — each cell the decision the gateway takes. Computed from the engine's own
 * gateway.decide(), so it is what the model enforces, not a guess.
 */
import type { Certificate } from '../pki';
import type { GatewayMatrix, MatrixCell, MatrixColumn, MatrixRow } from './run-model';

/** The parts of a gateway the matrix reads (src/gateway's Gateway has them). */
export interface MatrixGateway {
  readonly name: string;
  /** Flat rules (a shorthand gateway); empty when the gateway decides from FortiOS objects. */
  readonly rules: readonly { readonly host?: string; readonly path?: string }[];
  /** The FortiOS objects: their API gateways name the destinations when there are no flat rules. */
  readonly objects?: {
    readonly accessProxies: readonly {
      readonly apiGateways: readonly {
        readonly virtualHost?: string;
        readonly urlMap: string;
        readonly urlMapType: string;
      }[];
    }[];
    readonly virtualHosts: readonly { readonly name: string; readonly host: string; readonly hostType: string }[];
  };
  decide(request: { certificate?: Certificate; host: string; path: string; userAgent?: string }): {
    readonly verdict: 'allow' | 'deny';
    readonly reason: string;
    readonly fortiosCode?: string;
    readonly httpStatus: number;
    readonly detail?: string;
    readonly evidence: { readonly rule?: string };
  };
}

/** The parts of an endpoint the matrix reads (src/forticlient's FortiClient has them). */
export interface MatrixEndpoint {
  readonly profile: { readonly name: string; readonly userAgent: string };
  readonly identity?: { readonly certificate: Certificate } | undefined;
}

/** A desktop browser: `user-agent-detect` calls a certificate-less one unknown. */
export const DESKTOP_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
/** A phone's browser: `user-agent-detect` calls it unmanageable. */
export const MOBILE_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// A wildcard host is probed with a name it matches: `*.example.com` → `any.example.com`; `*`
// (or no host) → `any.invalid`, a name no rule lists.
const probeHost = (pattern: string | undefined): string =>
  pattern === undefined || pattern === '*'
    ? 'any.invalid'
    : pattern.startsWith('*.')
      ? `any${pattern.slice(1)}`
      : pattern;

/**
 * The destinations of a gateway in FortiOS objects: one per API gateway, at a host its virtual
 * host matches (a wildcard's `*` read as `any`) and the path its url-map names when that is a
 * plain sub-string path (else `/`).
 */
function apiGatewayDestinations(objects: NonNullable<MatrixGateway['objects']>): { host?: string; path: string }[] {
  const vhosts = new Map(objects.virtualHosts.map((v) => [v.name, v]));
  return objects.accessProxies.flatMap((proxy) =>
    proxy.apiGateways.map((api) => {
      const vhost = api.virtualHost === undefined ? undefined : vhosts.get(api.virtualHost);
      const host = vhost ? vhost.host.replace(/\*/g, 'any').replace(/\?/g, 'a') : undefined;
      const path = api.urlMapType === 'sub-string' && api.urlMap.startsWith('/') ? api.urlMap : '/';
      return { ...(host === undefined ? {} : { host }), path };
    }),
  );
}

/** The destinations the gateway's rules (or API gateways) name, in order, without repeats. */
export function matrixColumns(gateway: MatrixGateway): MatrixColumn[] {
  const columns = new Map<string, MatrixColumn>();
  const destinations =
    gateway.rules.length === 0 && gateway.objects ? apiGatewayDestinations(gateway.objects) : gateway.rules;
  for (const rule of destinations) {
    const path = rule.path ?? '/';
    const label = `${rule.host ?? '*'}${path}`;
    if (!columns.has(label)) columns.set(label, { label, host: probeHost(rule.host), path });
  }
  return [...columns.values()];
}

function matrixRows(endpoints: readonly MatrixEndpoint[]): { row: MatrixRow; certificate?: Certificate }[] {
  return [
    ...endpoints.map((e) => ({
      row: {
        label: e.identity ? e.profile.name : `${e.profile.name} (no certificate)`,
        endpoint: e.profile.name,
        userAgent: e.profile.userAgent,
        clientClass: 'managed' as const,
      },
      certificate: e.identity?.certificate,
    })),
    {
      row: {
        label: 'no certificate, desktop browser',
        endpoint: null,
        userAgent: DESKTOP_BROWSER,
        clientClass: 'unknown',
      },
    },
    {
      row: {
        label: 'no certificate, mobile browser',
        endpoint: null,
        userAgent: MOBILE_BROWSER,
        clientClass: 'unmanageable',
      },
    },
  ];
}

/** The matrix of one gateway for these endpoints. */
export function gatewayMatrix(gateway: MatrixGateway, endpoints: readonly MatrixEndpoint[]): GatewayMatrix {
  const columns = matrixColumns(gateway);
  const rows = matrixRows(endpoints);
  const cells = rows.map(({ row, certificate }) =>
    columns.map((column): MatrixCell => {
      const d = gateway.decide({ certificate, host: column.host, path: column.path, userAgent: row.userAgent });
      return {
        verdict: d.verdict,
        reason: d.reason,
        fortiosCode: d.fortiosCode ?? null,
        httpStatus: d.httpStatus,
        rule: d.evidence.rule ?? null,
        detail: d.detail ?? null,
      };
    }),
  );
  return { gateway: gateway.name, rows: rows.map((r) => r.row), columns, cells };
}
