import type { Clock } from '../clock';
import { type Certificate, checkValidity } from '../pki';
import { DEFAULT_OUT_OF_SYNC_THRESHOLD_MS } from '../ztna-identifiers';
import { type CertificateCheck, checkCertificate, readSynced } from './certificate-check';
import { type AccessRequest, type Decision, type DecisionEvidence, type DeviceClass, decisionOf } from './decision';
import { cliTranscript, recordListCommand, renderRecordList } from './diagnose';
import { type FortiosVersion, hasFeature } from './fortios-version';
import { requestSourceIpv4 } from './ipv4';
import type { ProxyRule } from './proxy-rules';
import { type AccessProxySettings, DEFAULT_SETTINGS } from './settings';
import { shorthandObjects } from './shorthand-policy';
import {
  type EndpointRecords,
  type GatewaySync,
  MemoryEndpointRecords,
  MemoryRevocations,
  MemoryTrustAnchors,
  type Revocations,
  type TrustAnchors,
} from './synced-state';
import { builtinTagFor, classifyUserAgent } from './user-agent';
import { VerificationCache } from './verification-cache';
import type { AccessProxy, ZtnaObjects } from './ztna-objects';
import { type CertificateSettings, type CompiledServer, checkDecidable, policyName, ZtnaPolicy } from './ztna-policy';

/** A user a lab declares, with the user groups it belongs to. */
export interface LabUser {
  readonly name: string;
  readonly groups?: readonly string[];
}

/** The address the harness sends from when a request names none. */
export const DEFAULT_SOURCE_ADDRESS = '127.0.0.1';

export interface GatewayOptions {
  readonly name: string;
  /** The FortiGate serial number diagnose output shows. */
  readonly serial?: string;
  /** The gateway's own clock (it may be skewed from EMS's). */
  readonly clock: Clock;
  /** Shorthand: the one ZTNA server's certificate settings (and the harness's out-of-sync action). */
  readonly settings?: Partial<AccessProxySettings>;
  /** Shorthand: flat rules, read as the FortiOS objects of shorthand-policy.ts. */
  readonly rules?: readonly ProxyRule[];
  /** The FortiOS objects to decide from; when given, `rules` must not be. */
  readonly objects?: ZtnaObjects;
  /** Users the lab declares, with their groups. */
  readonly users?: readonly LabUser[];
  /** The FortiOS release of a shorthand gateway (objects carry their own). */
  readonly version?: FortiosVersion;
  /** Where verified certificates are remembered (default: a cache of the gateway's own, shared with its forks). */
  readonly verificationCache?: VerificationCache<CertificateCheck>;
}

/**
 * FortiGate's ZTNA access proxy: what WAD decides for each HTTPS request, from the settings,
 * the synced trust anchors, records and revocations, and the ordered proxy rules.
 */
export class Gateway {
  readonly name: string;
  private compiled!: ZtnaPolicy;
  /** The flat rules of a shorthand gateway; undefined when it decides from FortiOS objects. */
  private shorthandRules: readonly ProxyRule[] | undefined;
  private outOfSyncAction: AccessProxySettings['outOfSyncAction'];
  private labUsers: readonly LabUser[];
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
    this.verifications = options.verificationCache ?? new VerificationCache();
    this.labUsers = options.users ?? [];
    const settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.outOfSyncAction = settings.outOfSyncAction;
    if (options.objects) {
      if (options.rules) throw new Error('a gateway takes FortiOS objects or flat rules, not both');
      this.objects = options.objects;
    } else {
      this.shorthandRules = options.rules ?? [];
      this.compile(shorthandObjects(this.shorthandRules, settings, options.version));
    }
  }

  /** The FortiOS objects the gateway decides from. */
  get objects(): ZtnaObjects {
    return this.compiled.objects;
  }

  /**
   * Replaces the FortiOS objects: from then on the gateway decides from them, not from flat
   * rules (`rules` is empty), so that nothing reads flat rules the objects no longer follow.
   */
  set objects(objects: ZtnaObjects) {
    this.compile(objects);
    this.shorthandRules = undefined;
  }

  private compile(objects: ZtnaObjects): void {
    checkDecidable(objects);
    this.compiled = new ZtnaPolicy(objects, this.labUsers);
    this.showsCodes = hasFeature(objects.version, 'block-page-error-codes');
  }

  /** The users the lab declares (who may authenticate, and their user groups). */
  get users(): readonly LabUser[] {
    return this.labUsers;
  }

  /** Replaces the lab's users (a step adding a user); the objects are recompiled with them. */
  set users(users: readonly LabUser[]) {
    this.labUsers = users;
    this.compiled = new ZtnaPolicy(this.objects, users);
  }

  /** The compiled policy (servers, addresses, rules, users). */
  get policy(): ZtnaPolicy {
    return this.compiled;
  }

  /** The FortiOS release whose behaviour the gateway follows. */
  get version(): FortiosVersion {
    return this.objects.version;
  }

  /** Moves the gateway to another release; its flat rules, if it has them, stay. */
  set version(version: FortiosVersion) {
    this.compile({ ...this.objects, version });
  }

  /** The first ZTNA server's certificate settings, and what to do with records past the out-of-sync threshold. */
  get settings(): AccessProxySettings {
    const proxy = this.objects.accessProxies[0]!;
    return {
      clientCert: proxy.clientCert === 'enable',
      emptyCertAction: proxy.emptyCertAction,
      userAgentDetect: proxy.userAgentDetect === 'enable',
      outOfSyncAction: this.outOfSyncAction,
    };
  }

  /** Changes the first ZTNA server's certificate settings (a step's `set client-cert …`). */
  set settings(settings: AccessProxySettings) {
    this.outOfSyncAction = settings.outOfSyncAction;
    const [first, ...rest] = this.objects.accessProxies;
    const changed: AccessProxy = {
      ...first!,
      clientCert: settings.clientCert ? 'enable' : 'disable',
      emptyCertAction: settings.emptyCertAction,
      userAgentDetect: settings.userAgentDetect ? 'enable' : 'disable',
    };
    this.compile({ ...this.objects, accessProxies: [changed, ...rest] });
  }

  /** The flat rules of a shorthand gateway; empty when it decides from FortiOS objects. */
  get rules(): readonly ProxyRule[] {
    return this.shorthandRules ?? [];
  }

  /** Replaces the rules with flat ones: the gateway becomes a shorthand gateway with its current settings. */
  set rules(rules: readonly ProxyRule[]) {
    this.shorthandRules = rules;
    this.compile(shorthandObjects(rules, this.settings, this.version));
  }

  /** Whether the gateway decides from flat rules (`rules:`) rather than FortiOS objects. */
  get isShorthand(): boolean {
    return this.shorthandRules !== undefined;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Decides one request. Never throws for any request: a decision is always a value. */
  decide(request: AccessRequest): Decision {
    const server = this.compiled.serverFor(request.port)!;
    const evidence: DecisionEvidence = { gateway: this.name, at: this.isoNow(), accessProxy: server.proxy.name };
    const settings = this.compiled.certificateSettings(server, request.host);
    if (!settings.clientCert)
      return this.withoutDevice(request, server, settings, evidence, 'client-cert disabled: no certificate requested');
    if (!request.certificate) return this.emptyCertificate(request, server, settings, evidence);
    return this.withCertificate(request, server, request.certificate, evidence);
  }

  /** A decision for this gateway's version: before 7.4.1 a block page carries no error code. */
  private decision(reason: Decision['reason'], evidence: DecisionEvidence, detail?: string): Decision {
    return decisionOf(reason, evidence, detail, this.showsCodes);
  }

  /** Whether the version's block page shows codes (from 7.4.1); set with the objects. */
  private showsCodes = true;

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

  /** The command this gateway's FortiOS lists its endpoint records with (`ec-shm list` from 7.4.2). */
  get recordListCommand(): string {
    return recordListCommand(this.version);
  }

  /**
   * The output of the record-list command as FortiOS prints it; with `prompt`, as an SSH session
   * shows it, after the line `<name> # <recordListCommand>`.
   */
  diagnoseRecordList(options: { readonly prompt?: boolean } = {}): string {
    const output = renderRecordList(this.records.values(), {
      gatewaySerial: this.options.serial ?? 'FGVM02TM00000001',
      outOfSync: this.outOfSync,
    });
    return options.prompt ? cliTranscript(this.name, this.recordListCommand, output) : output;
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
      users: this.labUsers,
      ...(this.shorthandRules
        ? { rules: this.shorthandRules, objects: undefined, settings: this.settings }
        : { rules: undefined, objects: this.objects, settings: this.settings }),
      verificationCache: this.verifications,
    });
    copy.compile(this.objects);
    copy.applySync(this.syncedContents());
    copy.connectorLostAt = this.connectorLostAt;
    copy.outOfSyncThresholdMs = this.outOfSyncThresholdMs;
    return copy;
  }

  private emptyCertificate(
    request: AccessRequest,
    server: CompiledServer,
    settings: CertificateSettings,
    evidence: DecisionEvidence,
  ): Decision {
    const action = settings.emptyCertAction;
    if (action === 'block')
      return this.decision('CERT_EMPTY', evidence, 'no client certificate; empty-cert-action block');
    const deviceClass = classifyUserAgent(request.userAgent, settings.userAgentDetect);
    if (action === 'accept-unmanageable' && deviceClass !== 'unmanageable') {
      return this.decision(
        'CERT_EMPTY_MANAGEABLE',
        Object.assign({}, evidence, { deviceClass }),
        `no client certificate from a ${deviceClass} device; empty-cert-action accept-unmanageable`,
      );
    }
    return this.withoutDevice(
      request,
      server,
      settings,
      evidence,
      `no client certificate; empty-cert-action ${action}`,
    );
  }

  private withoutDevice(
    request: AccessRequest,
    server: CompiledServer,
    settings: CertificateSettings,
    evidence: DecisionEvidence,
    why: string,
  ): Decision {
    const deviceClass = classifyUserAgent(request.userAgent, settings.userAgentDetect);
    const tags = builtinTagFor(deviceClass, this.objects.version);
    return this.applyRules(request, server, Object.assign({}, evidence, { deviceClass }), tags, why);
  }

  private withCertificate(
    request: AccessRequest,
    server: CompiledServer,
    cert: Certificate,
    base: DecisionEvidence,
  ): Decision {
    const evidence: DecisionEvidence = Object.assign({}, base, {
      uid: cert.subjectCN,
      certificateSerial: cert.serial,
      issuer: cert.issuer,
      fingerprint: cert.fingerprint,
    });
    const check = this.checkOf(cert);
    if (check.beforeValidity) return this.decision('CERT_INVALID', evidence, check.beforeValidity);
    const invalidNow = checkValidity(cert, this.clock.now());
    if (invalidNow) return this.decision('CERT_INVALID', evidence, invalidNow);
    if (check.afterValidity) return this.decision('CERT_INVALID', evidence, check.afterValidity);
    if (check.revoked) return this.decision('CERT_REVOKED', evidence, 'serial revoked on EMS and synced');
    const { record, mismatch } = check;
    if (!record) return this.decision('NO_DEVICE_INFO', evidence, 'no endpoint record for the UID');
    if (this.outOfSync && this.outOfSyncAction === 'deny')
      return this.decision('NO_DEVICE_INFO', evidence, 'record-out-of-sync');
    if (mismatch) return this.decision('CERT_INVALID', evidence, mismatch);
    if (!record.online)
      return this.decision(
        'DEVICE_OFFLINE',
        Object.assign({}, evidence, { deviceClass: 'managed' as const }),
        'record says offline',
      );
    return this.applyRules(
      request,
      server,
      Object.assign({}, evidence, { deviceClass: 'managed' as const, tags: record.tags }),
      record.tags,
    );
  }

  /** The API gateway that maps the request, then the ZTNA rules. */
  private applyRules(
    request: AccessRequest,
    server: CompiledServer,
    base: DecisionEvidence,
    tags: readonly string[],
    detail?: string,
  ): Decision {
    const sourceAddress = request.sourceAddress ?? DEFAULT_SOURCE_ADDRESS;
    const evidence: DecisionEvidence = Object.assign(
      {},
      base,
      request.user === undefined ? { sourceAddress } : { sourceAddress, user: request.user },
    );
    const outcome = this.compiled.process(server, {
      host: request.host,
      path: request.path,
      sourceIp: sourceAddress === DEFAULT_SOURCE_ADDRESS ? LOOPBACK : requestSourceIpv4(sourceAddress),
      tags: tagSetOf(tags),
      user: request.user,
    });
    if (outcome.reason === 'APP_NOT_FOUND')
      return this.decision(
        'APP_NOT_FOUND',
        evidence,
        `no API gateway of ${server.proxy.name} maps ${request.host}${request.path}`,
      );
    const routed = Object.assign(evidence, { apiGateway: outcome.route.apiGateway.id });
    if (outcome.reason === 'REAL_SERVER_NOT_FOUND')
      return this.decision(
        'REAL_SERVER_NOT_FOUND',
        routed,
        `api-gateway ${outcome.route.apiGateway.id} has no active real server`,
      );
    if (!outcome.policy) return this.decision(outcome.reason, routed, detail);
    const at = outcome.policy.at;
    const named = Object.assign(
      routed,
      at?.line === undefined
        ? { rule: policyName(outcome.policy) }
        : { rule: policyName(outcome.policy), ruleAt: `${at.file}:${at.line}` },
    );
    if (outcome.reason === 'AUTH_REQUIRED') {
      const portal = server.proxy.authPortal === 'enable' ? '; the auth portal asks for it' : '';
      return this.decision(
        'AUTH_REQUIRED',
        named,
        `rule ${policyName(outcome.policy)} needs an authenticated user${portal}`,
      );
    }
    return this.decision(outcome.reason, named, detail);
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

const LOOPBACK = requestSourceIpv4(DEFAULT_SOURCE_ADDRESS);

/** A record's tags as a set, made once per tags array (records are immutable; a sync replaces them). */
const tagSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function tagSetOf(tags: readonly string[]): ReadonlySet<string> {
  let set = tagSets.get(tags);
  if (set === undefined) {
    set = new Set(tags);
    tagSets.set(tags, set);
  }
  return set;
}
