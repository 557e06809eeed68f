import { Clock } from '../clock';
import { Certificate, checkUsage, ChainResult, findIssuer } from '../pki';
import { AccessRequest, Decision, decisionOf, DecisionEvidence, DeviceClass } from './decision';
import { renderRecordList } from './diagnose';
import { evaluateRules, ProxyRule } from './proxy-rules';
import { AccessProxySettings, DEFAULT_SETTINGS } from './settings';
import { EndpointRecord, GatewaySync, SyncedState } from './synced-state';
import { BUILTIN_TAGS, classifyUserAgent } from './user-agent';
import { VerificationCache } from './verification-cache';

const UID = /^[0-9A-F]{32}$/;
const NO_CERTIFICATE_SN = '0'.repeat(40);

export interface GatewayOptions {
  readonly name: string;
  /** The FortiGate serial number diagnose output shows. */
  readonly serial?: string;
  /** The gateway's own clock (it may be skewed from EMS's). */
  readonly clock: Clock;
  readonly settings?: Partial<AccessProxySettings>;
  readonly rules?: readonly ProxyRule[];
  /** Where verified certificates are remembered (default: a cache of the gateway's own, shared with its forks). */
  readonly verificationCache?: VerificationCache<ChainResult>;
}

/**
 * FortiGate's ZTNA access proxy: what WAD decides for each HTTPS request, from the settings,
 * the synced trust anchors, records and revocations, and the ordered proxy rules.
 */
export class Gateway {
  readonly name: string;
  settings: AccessProxySettings;
  rules: readonly ProxyRule[];
  readonly state = new SyncedState();
  private connectorLostAt: number | undefined;
  private outOfSyncThresholdMs = 180_000;
  /** Issuer lookups by certificate and anchor set; a fork shares it, since the results never change. */
  readonly verifications: VerificationCache<ChainResult>;
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
    if (!this.settings.clientCert) return this.withoutDevice(request, evidence, 'client-cert disabled: no certificate requested');
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

  /** The fabric's entry point: replaces the synced state and marks the connector in contact. */
  applySync(sync: GatewaySync): void {
    this.state.apply(sync);
    this.connectorLostAt = undefined;
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
    return renderRecordList(this.state.records.values(), { gatewaySerial: this.options.serial ?? 'FGVM02TM00000001', outOfSync: this.outOfSync });
  }

  /** A restarted gateway has lost every record until the fabric syncs again. */
  restart(): void {
    this.state.clear();
  }

  /** An independent copy on `clock` with the same settings, rules, synced state and connector view. */
  fork(clock: Clock): Gateway {
    const copy = new Gateway({ ...this.options, clock, settings: this.settings, rules: this.rules, verificationCache: this.verifications });
    copy.state.apply(this.state.contents());
    copy.connectorLostAt = this.connectorLostAt;
    copy.outOfSyncThresholdMs = this.outOfSyncThresholdMs;
    return copy;
  }

  private emptyCertificate(request: AccessRequest, evidence: DecisionEvidence): Decision {
    const action = this.settings.emptyCertAction;
    if (action === 'block') return decisionOf('CERT_EMPTY', evidence, 'no client certificate; empty-cert-action block');
    const deviceClass = classifyUserAgent(request.userAgent, this.settings.userAgentDetect);
    if (action === 'accept-unmanageable' && deviceClass !== 'unmanageable') {
      return decisionOf('CERT_EMPTY_MANAGEABLE', Object.assign({}, evidence, { deviceClass }), `no client certificate from a ${deviceClass} device; empty-cert-action accept-unmanageable`);
    }
    return this.withoutDevice(request, evidence, `no client certificate; empty-cert-action ${action}`);
  }

  private withoutDevice(request: AccessRequest, evidence: DecisionEvidence, why: string): Decision {
    const deviceClass = classifyUserAgent(request.userAgent, this.settings.userAgentDetect);
    return this.applyRules(request, Object.assign({}, evidence, { deviceClass }), [BUILTIN_TAGS[deviceClass]], why);
  }

  private withCertificate(request: AccessRequest, cert: Certificate, base: DecisionEvidence): Decision {
    const evidence: DecisionEvidence = Object.assign({}, base, { uid: cert.subjectCN, certificateSerial: cert.serial, issuer: cert.issuer, fingerprint: cert.fingerprint });
    const issued = this.issuerOf(cert);
    if (!issued.ok) return decisionOf('CERT_INVALID', evidence, issued.failure);
    if (this.state.roots.find((r) => r.certificate.fingerprint === issued.anchor.fingerprint)?.revoked) return decisionOf('CERT_INVALID', evidence, 'root-revoked');
    const unusable = checkUsage(cert, this.clock.now(), 'clientAuth');
    if (unusable) return decisionOf('CERT_INVALID', evidence, unusable);
    if (!UID.test(cert.subjectCN)) return decisionOf('CERT_INVALID', evidence, 'subject-not-a-uid');
    if (this.state.has(cert.serial)) return decisionOf('CERT_REVOKED', evidence, 'serial revoked on EMS and synced');
    const record = this.state.records.get(cert.subjectCN);
    const mismatch = record && this.recordMismatch(record, cert);
    if (!record) return decisionOf('NO_DEVICE_INFO', evidence, 'no endpoint record for the UID');
    if (this.outOfSync && this.settings.outOfSyncAction === 'deny') return decisionOf('NO_DEVICE_INFO', evidence, 'record-out-of-sync');
    if (mismatch) return decisionOf('CERT_INVALID', evidence, mismatch);
    if (!record.online) return decisionOf('DEVICE_OFFLINE', Object.assign({}, evidence, { deviceClass: 'managed' as const }), 'record says offline');
    return this.applyRules(request, Object.assign({}, evidence, { deviceClass: 'managed' as const, tags: record.tags }), record.tags);
  }

  private recordMismatch(record: EndpointRecord, cert: Certificate): string | undefined {
    if (record.certSn === NO_CERTIFICATE_SN) return 'record-has-no-certificate';
    if (record.certSn !== cert.serial) return 'sn-mismatch';
    return undefined;
  }

  private applyRules(request: AccessRequest, evidence: DecisionEvidence, tags: readonly string[], detail?: string): Decision {
    const outcome = evaluateRules(this.rules, request.host, request.path, new Set(tags));
    return decisionOf(outcome.reason, outcome.rule ? Object.assign({}, evidence, { rule: outcome.rule.name }) : evidence, detail);
  }

  /** Issuer lookup, cached by the certificate's fingerprint and the anchors it was made against. */
  private issuerOf(cert: Certificate): ChainResult {
    const anchors = this.state.anchorsKey;
    let result = this.verifications.get(cert.fingerprint, anchors);
    if (result === undefined) {
      result = findIssuer(cert, this.state.roots.map((r) => r.certificate));
      this.verifications.set(cert.fingerprint, anchors, result);
    }
    return result;
  }
}

export type { DeviceClass };
