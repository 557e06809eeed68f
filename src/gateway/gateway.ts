import type { Clock } from '../clock';
import { type Certificate, checkValidity } from '../pki';
import { DEFAULT_OUT_OF_SYNC_THRESHOLD_MS } from '../ztna-identifiers';
import { type CertificateCheck, checkCertificate, readSynced } from './certificate-check';
import { type AccessRequest, type Decision, type DecisionEvidence, type DeviceClass, decisionOf } from './decision';
import { renderRecordList } from './diagnose';
import { evaluateRules, type ProxyRule } from './proxy-rules';
import { type AccessProxySettings, DEFAULT_SETTINGS } from './settings';
import {
  type EndpointRecords,
  type GatewaySync,
  MemoryEndpointRecords,
  MemoryRevocations,
  MemoryTrustAnchors,
  type Revocations,
  type TrustAnchors,
} from './synced-state';
import { BUILTIN_TAGS, classifyUserAgent } from './user-agent';
import { VerificationCache } from './verification-cache';

export interface GatewayOptions {
  readonly name: string;
  /** The FortiGate serial number diagnose output shows. */
  readonly serial?: string;
  /** The gateway's own clock (it may be skewed from EMS's). */
  readonly clock: Clock;
  readonly settings?: Partial<AccessProxySettings>;
  readonly rules?: readonly ProxyRule[];
  /** Where verified certificates are remembered (default: a cache of the gateway's own, shared with its forks). */
  readonly verificationCache?: VerificationCache<CertificateCheck>;
}

/**
 * FortiGate's ZTNA access proxy: what WAD decides for each HTTPS request, from the settings,
 * the synced trust anchors, records and revocations, and the ordered proxy rules.
 */
export class Gateway {
  readonly name: string;
  settings: AccessProxySettings;
  rules: readonly ProxyRule[];
  /** The ports the fabric writes (see `applySync`) and `decide` reads. */
  readonly anchors: TrustAnchors = new MemoryTrustAnchors();
  readonly records: EndpointRecords = new MemoryEndpointRecords();
  readonly revocations: Revocations = new MemoryRevocations();
  private connectorLostAt: number | undefined;
  private outOfSyncThresholdMs = DEFAULT_OUT_OF_SYNC_THRESHOLD_MS;
  /** Certificate checks by fingerprint and anchors generation; a fork shares it (generations are unique per process). */
  readonly verifications: VerificationCache<CertificateCheck>;
  private isoAt = NaN;
  private iso = '';

  constructor(private readonly options: GatewayOptions) {
    this.name = options.name;
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.rules = options.rules ?? [];
    this.verifications = options.verificationCache ?? new VerificationCache();
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Decides one request. Never throws for any request: a decision is always a value. */
  decide(request: AccessRequest): Decision {
    const evidence: DecisionEvidence = { gateway: this.name, at: this.isoNow() };
    if (!this.settings.clientCert)
      return this.withoutDevice(request, evidence, 'client-cert disabled: no certificate requested');
    if (!request.certificate) return this.emptyCertificate(request, evidence);
    return this.withCertificate(request, request.certificate, evidence);
  }

  /** The clock's time in ISO form, formatted once per distinct millisecond (toISOString costs ~1 µs). */
  private isoNow(): string {
    const now = this.clock.now();
    if (now !== this.isoAt) {
      this.iso = new Date(now).toISOString();
      this.isoAt = now;
    }
    return this.iso;
  }

  /** The fabric's entry point: writes a sync through the three ports and marks the connector in contact. */
  applySync(sync: GatewaySync): void {
    this.anchors.replace(sync.roots);
    this.records.replace(sync.records);
    this.revocations.replace(sync.revokedSerials);
    this.connectorLostAt = undefined;
  }

  /** What the ports hold, as one sync would deliver it (a forked lab starts from it). */
  syncedContents(): GatewaySync {
    return {
      roots: this.anchors.roots,
      records: [...this.records.values()],
      revokedSerials: [...this.revocations.serials()],
    };
  }

  /**
   * The connector lost EMS now; records go out of sync after the threshold. The gateway times the
   * outage on its own clock: mixing in EMS's time would shift the threshold by any clock skew.
   */
  connectorLost(thresholdMs: number): void {
    this.connectorLostAt ??= this.clock.now();
    this.outOfSyncThresholdMs = thresholdMs;
  }

  /** The connector's threshold changed (`set out-of-sync-threshold`). */
  setOutOfSyncThreshold(thresholdMs: number): void {
    this.outOfSyncThresholdMs = thresholdMs;
  }

  /** Whether records are past the out-of-sync threshold now. */
  get outOfSync(): boolean {
    return this.connectorLostAt !== undefined && this.clock.now() - this.connectorLostAt >= this.outOfSyncThresholdMs;
  }

  /** `diagnose endpoint record list` as FortiOS prints it. */
  diagnoseRecordList(): string {
    return renderRecordList(this.records.values(), {
      gatewaySerial: this.options.serial ?? 'FGVM02TM00000001',
      outOfSync: this.outOfSync,
    });
  }

  /** A restarted gateway has lost every record until the fabric syncs again. */
  restart(): void {
    const lostAt = this.connectorLostAt;
    this.applySync({ roots: [], records: [], revokedSerials: [] });
    this.connectorLostAt = lostAt;
  }

  /** An independent copy on `clock` with the same settings, rules, synced state and connector view. */
  fork(clock: Clock): Gateway {
    const copy = new Gateway({
      ...this.options,
      clock,
      settings: this.settings,
      rules: this.rules,
      verificationCache: this.verifications,
    });
    copy.applySync(this.syncedContents());
    copy.connectorLostAt = this.connectorLostAt;
    copy.outOfSyncThresholdMs = this.outOfSyncThresholdMs;
    return copy;
  }

  private emptyCertificate(request: AccessRequest, evidence: DecisionEvidence): Decision {
    const action = this.settings.emptyCertAction;
    if (action === 'block') return decisionOf('CERT_EMPTY', evidence, 'no client certificate; empty-cert-action block');
    const deviceClass = classifyUserAgent(request.userAgent, this.settings.userAgentDetect);
    if (action === 'accept-unmanageable' && deviceClass !== 'unmanageable') {
      return decisionOf(
        'CERT_EMPTY_MANAGEABLE',
        Object.assign({}, evidence, { deviceClass }),
        `no client certificate from a ${deviceClass} device; empty-cert-action accept-unmanageable`,
      );
    }
    return this.withoutDevice(request, evidence, `no client certificate; empty-cert-action ${action}`);
  }

  private withoutDevice(request: AccessRequest, evidence: DecisionEvidence, why: string): Decision {
    const deviceClass = classifyUserAgent(request.userAgent, this.settings.userAgentDetect);
    return this.applyRules(request, Object.assign({}, evidence, { deviceClass }), [BUILTIN_TAGS[deviceClass]], why);
  }

  private withCertificate(request: AccessRequest, cert: Certificate, base: DecisionEvidence): Decision {
    const evidence: DecisionEvidence = Object.assign({}, base, {
      uid: cert.subjectCN,
      certificateSerial: cert.serial,
      issuer: cert.issuer,
      fingerprint: cert.fingerprint,
    });
    const check = this.checkOf(cert);
    if (check.beforeValidity) return decisionOf('CERT_INVALID', evidence, check.beforeValidity);
    const invalidNow = checkValidity(cert, this.clock.now());
    if (invalidNow) return decisionOf('CERT_INVALID', evidence, invalidNow);
    if (check.afterValidity) return decisionOf('CERT_INVALID', evidence, check.afterValidity);
    if (check.revoked) return decisionOf('CERT_REVOKED', evidence, 'serial revoked on EMS and synced');
    const { record, mismatch } = check;
    if (!record) return decisionOf('NO_DEVICE_INFO', evidence, 'no endpoint record for the UID');
    if (this.outOfSync && this.settings.outOfSyncAction === 'deny')
      return decisionOf('NO_DEVICE_INFO', evidence, 'record-out-of-sync');
    if (mismatch) return decisionOf('CERT_INVALID', evidence, mismatch);
    if (!record.online)
      return decisionOf(
        'DEVICE_OFFLINE',
        Object.assign({}, evidence, { deviceClass: 'managed' as const }),
        'record says offline',
      );
    return this.applyRules(
      request,
      Object.assign({}, evidence, { deviceClass: 'managed' as const, tags: record.tags }),
      record.tags,
    );
  }

  private applyRules(
    request: AccessRequest,
    evidence: DecisionEvidence,
    tags: readonly string[],
    detail?: string,
  ): Decision {
    const outcome = evaluateRules(this.rules, request.host, request.path, new Set(tags));
    return decisionOf(
      outcome.reason,
      outcome.rule ? Object.assign({}, evidence, { rule: outcome.rule.name }) : evidence,
      detail,
    );
  }

  /**
   * The certificate's check, from the cache while the anchors are the same; what a sync decides
   * (revocation, the endpoint record) read again after every sync.
   */
  private checkOf(cert: Certificate): CertificateCheck {
    const { anchors, records, revocations } = this;
    let check = this.verifications.get(cert.fingerprint, anchors.generation);
    if (check === undefined) {
      // One literal with every field: each check has the same shape (a spread followed by more
      // properties also takes a slow V8 path).
      const { beforeValidity, afterValidity } = checkCertificate(cert, anchors.roots);
      const fresh = {
        beforeValidity,
        afterValidity,
        recordsAt: 0,
        revocationsAt: 0,
        revoked: false,
        record: undefined,
        mismatch: undefined,
      };
      check = readSynced(fresh, cert, records, revocations);
      this.verifications.set(cert.fingerprint, anchors.generation, check);
    } else if (check.recordsAt !== records.generation || check.revocationsAt !== revocations.generation) {
      readSynced(check, cert, records, revocations);
    }
    return check;
  }
}

export type { DeviceClass };
