import { issuerOf } from '../ems';
import { HarnessError } from '../errors';
import type { AccessProxySettings, EndpointRecord, Gateway, ProxyRule, ZtnaObjects } from '../gateway';
import type { Lab } from '../lab';
import { type Certificate, createCrl, type RevokedEntry } from '../pki';
import {
  type CertificateProfiles,
  certificateProfiles,
  type ExportPolicy,
  exportPolicy,
  exportProblem,
} from './export-policy';
import { type ProxyTls, proxyTlsOf } from './proxy-tls';
import { validTagNames } from './tag-names';

/** One trusted root with the CRL a proxy must load for it. */
export interface TrustedRoot {
  readonly certificate: Certificate;
  readonly crl: string;
}

/**
 * What a real proxy needs to enforce one gateway of the lab, taken from what the gateway has
 * synced (not from EMS directly), so that a delayed or failed sync shows on the real proxy too.
 */
export interface EnforcementModel {
  readonly gateway: string;
  readonly settings: AccessProxySettings;
  /** The flat rules of a shorthand gateway (empty for FortiOS objects), for the README's example. */
  readonly rules: readonly ProxyRule[];
  readonly objects: ZtnaObjects;
  /** The API gateways and ZTNA rules as nginx's maps test them (lists separated by `,`). */
  readonly nginxPolicy: ExportPolicy;
  /** The same for HAProxy (lists separated by `;`: HAProxy splits sample-fetch arguments at commas). */
  readonly haproxyPolicy: ExportPolicy;
  /** The certificate settings each request meets, by host (7.6 virtual hosts may carry their own). */
  readonly profiles: CertificateProfiles;
  /** Roots a client certificate may chain to; revoked roots are left out. */
  readonly roots: readonly TrustedRoot[];
  /** Roots EMS revoked: never trusted, only named, so that a proxy can say "root-revoked". */
  readonly revokedRoots: readonly Certificate[];
  readonly records: readonly EndpointRecord[];
  /** True when the records are past the out-of-sync threshold and the gateway fails closed. */
  readonly recordsStale: boolean;
  readonly tls: ProxyTls;
  /** The gateway's own time (the lab's, plus any skew): a proxy under faketime runs at it. */
  readonly now: number;
}

const HOUR = 3_600_000;

/** Builds the enforcement model of a gateway from the lab. */
export async function enforcementModel(lab: Lab, gatewayName?: string): Promise<EnforcementModel> {
  const gateway = lab.gateway(gatewayName);
  const tls = await proxyTlsOf(lab);
  const roots = gateway.anchors.roots
    .filter((r) => !r.revoked)
    .map((r) => ({ certificate: r.certificate, crl: crlOf(lab, gateway, r.certificate) }));
  if (roots.length === 0) {
    // Proxies refuse an empty CA file; the proxy CA signs no client certificate, so trusting it trusts nothing.
    roots.push({ certificate: tls.ca, crl: emptyCrl(gateway.clock.now(), tls) });
  }
  // Tags and names go into proxy configurations as text: refuse any a config could read as syntax,
  // and any part of the objects a config cannot enforce as the engine decides.
  const problem = exportProblem(gateway);
  if (problem) throw new HarnessError('BAD_INPUT', problem);
  for (const record of gateway.records.values()) validTagNames(record.tags);
  return {
    gateway: gateway.name,
    settings: gateway.settings,
    rules: gateway.rules,
    objects: gateway.objects,
    nginxPolicy: exportPolicy(gateway, ',', gateway.users),
    haproxyPolicy: exportPolicy(gateway, ';', gateway.users),
    profiles: certificateProfiles(gateway),
    roots,
    revokedRoots: gateway.anchors.roots.filter((r) => r.revoked).map((r) => r.certificate),
    records: [...gateway.records.values()],
    recordsStale: gateway.outOfSync && gateway.settings.outOfSyncAction === 'deny',
    tls,
    now: gateway.clock.now(),
  };
}

/** The CRL of one root listing the revocations the gateway has synced (EMS may know more). */
function crlOf(lab: Lab, gateway: Gateway, root: Certificate): string {
  for (const site of lab.ems.sites) {
    const generation = site.ca.roots.find((r) => r.certificate.fingerprint === root.fingerprint);
    if (!generation) continue;
    const revoked: RevokedEntry[] = lab.ems
      .revocations(site.name)
      .filter((r) => r.rootGeneration === generation.generation && gateway.revocations.isRevoked(r.serial));
    // Dated on the gateway's clock (EMS's CRLs are dated on EMS's): a proxy running at a skewed
    // time must not find the CRL not yet valid. FortiGate itself learns revocations from the sync.
    const now = gateway.clock.now();
    return createCrl({
      issuer: issuerOf(generation),
      thisUpdate: new Date(now - HOUR),
      nextUpdate: new Date(now + 7 * 86_400_000),
      crlNumber: lab.clock.now(),
      revoked,
    });
  }
  throw new Error(`no EMS site issued the synced root ${root.subject}`);
}

function emptyCrl(now: number, tls: ProxyTls): string {
  return createCrl({
    issuer: issuerOf({ certificate: tls.ca, key: tls.caKey }),
    thisUpdate: new Date(now - HOUR),
    nextUpdate: new Date(now + 7 * 86_400_000),
    crlNumber: 1,
    revoked: [],
  });
}
