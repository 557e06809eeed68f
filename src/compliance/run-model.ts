/**
 * The versioned run model: everything one cucumber run (or a merge of shards) established,
 * folded from the message stream. Renderers, the gate and `report merge` read only this; its
 * JSON form is `schemas/compliance-report.schema.json`.
 */

/** Bumped on any incompatible change to the model; readers refuse other versions. */
export const MODEL_VERSION = 1;

/** Outcomes of a scenario, in the order reports list them. */
export const SCENARIO_STATUSES = ['passed', 'failed', 'undefined', 'pending', 'skipped', 'not_applicable'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** Statuses that count as failures (unless waived). */
export const FAILING_STATUSES: readonly ScenarioStatus[] = ['failed', 'undefined', 'pending'];

/** Outcomes of a control over the scenarios that carry it. */
export const CONTROL_STATUSES = ['passed', 'failed', 'incomplete', 'not_applicable', 'not_covered', 'waived'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** Scenario counts by status; waived scenarios are counted apart, not under their status. */
export type ScenarioCounts = Readonly<Record<ScenarioStatus | 'waived', number>>;

/** Orders scenarios by file, then line; code-point order, so every machine sorts alike. */
export const byLocation = (
  a: { readonly location: { readonly file: string; readonly line: number } },
  b: typeof a,
): number =>
  a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line;

/** A gateway decision a step recorded. */
export interface DecisionEvidence {
  readonly kind: 'decision';
  readonly gateway: string | null;
  readonly endpoint: string | null;
  readonly probe: { readonly host: string | null; readonly path: string | null; readonly userAgent: string | null };
  readonly verdict: 'allow' | 'deny';
  readonly reason: string | null;
  readonly fortiosCode: string | null;
  readonly httpStatus: number | null;
  readonly tlsAlert: string | null;
  readonly detail: string | null;
  readonly uid: string | null;
  readonly certificateSerial: string | null;
  readonly issuer: string | null;
  readonly fingerprint: string | null;
  readonly rule: string | null;
  readonly virtualTime: string | null;
  readonly target: string | null;
}

/** Why the target could not express the scenario. */
export interface NotApplicableEvidence {
  readonly kind: 'not-applicable';
  readonly reason: string;
}

/** Free text: command output, an exposure window, a log line. */
export interface NoteEvidence {
  readonly kind: 'note';
  readonly title: string;
  readonly text: string;
}

/** Evidence of a kind this version does not know, kept as it came. */
export interface OtherEvidence {
  readonly kind: 'other';
  readonly declaredKind: string | null;
  readonly data: unknown;
}

export type Evidence = DecisionEvidence | NotApplicableEvidence | NoteEvidence | OtherEvidence;

/** A waiver as a policy states it, and whether it took effect. */
export interface WaiverRecord {
  readonly control: string | null;
  readonly scenario: string | null;
  readonly justification: string;
  readonly approver: string;
  readonly expires: string;
  readonly state: 'applied' | 'unused' | 'expired';
}

/** What a waived result points at: the waiver that covers it. */
export type WaiverMark = Omit<WaiverRecord, 'state'>;

export interface StepResult {
  readonly keyword: string;
  readonly text: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'undefined' | 'pending' | 'ambiguous' | 'unknown' | 'not_run';
  readonly durationMs: number;
}

export interface FailingStep {
  readonly keyword: string;
  readonly text: string;
  /** Where the step (or hook) is written, `file:line`. */
  readonly location: string | null;
}

export interface ScenarioResult {
  /** `file:line` of the scenario (of the example row, for an outline). */
  readonly id: string;
  readonly feature: string;
  readonly rule: string | null;
  readonly name: string;
  readonly location: { readonly file: string; readonly line: number };
  readonly tags: readonly string[];
  readonly controls: readonly string[];
  readonly status: ScenarioStatus;
  readonly durationMs: number;
  readonly attempts: number;
  readonly failingStep: FailingStep | null;
  readonly message: string | null;
  readonly steps: readonly StepResult[];
  readonly evidence: readonly Evidence[];
  readonly waiver: WaiverMark | null;
}

export interface ControlResult {
  readonly id: string;
  readonly framework: string;
  readonly title: string;
  readonly description: string;
  readonly status: ControlStatus;
  readonly scenarios: readonly string[];
  readonly counts: ScenarioCounts;
  /** Allow decisions recorded by passed, unwaived scenarios carrying the control. */
  readonly allowEvidence: number;
  /** Deny decisions recorded by passed, unwaived scenarios carrying the control. */
  readonly denyEvidence: number;
  readonly waiver: WaiverMark | null;
}

export interface TargetInfo {
  readonly kind: string;
  readonly url: string | null;
  readonly tlsVerify: boolean;
}

export interface RunError {
  /** What failed: `BeforeAll hook (steps/hooks.ts:12)`, `parse error (features/x.feature:3)`, `run`. */
  readonly source: string;
  readonly message: string;
}

export interface RunInfo {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** False when the run ended before cucumber reported it finished (a crash, a signal). */
  readonly complete: boolean;
  readonly nodeVersion: string;
  readonly cucumberVersion: string | null;
  readonly gitCommit: string | null;
  readonly target: TargetInfo;
  readonly shards: readonly {
    readonly runId: string;
    readonly startedAt: string;
    readonly finishedAt: string | null;
  }[];
  readonly errors: readonly RunError[];
}

export interface FileDigest {
  readonly path: string;
  readonly sha256: string | null;
}

export interface RunInputs {
  /** Digest over the feature files' paths and digests: equal for shards of one suite. */
  readonly featureSetDigest: string;
  readonly features: readonly FileDigest[];
  readonly scenarioFiles: readonly FileDigest[];
  readonly catalog: FileDigest;
}

export interface RunSummary {
  readonly outcome: 'passed' | 'failed';
  readonly scenarios: number;
  readonly counts: ScenarioCounts;
  /** Unwaived failed, undefined and pending scenarios. */
  readonly failures: number;
  readonly controls: Readonly<Record<ControlStatus, number>>;
  readonly evidence: { readonly allow: number; readonly deny: number };
}

/** One cell of an access matrix: what the access proxy decides for that client and destination. */
export interface MatrixCell {
  readonly verdict: 'allow' | 'deny';
  readonly reason: string;
  readonly fortiosCode: string | null;
  readonly httpStatus: number | null;
  readonly rule: string | null;
  readonly detail: string | null;
}

/** A row: an endpoint with the certificate it holds, or a client without one, by user-agent class. */
export interface MatrixRow {
  readonly label: string;
  readonly endpoint: string | null;
  readonly userAgent: string;
  /** `managed` for an endpoint; `unknown` (desktop) or `unmanageable` (mobile) without certificate. */
  readonly clientClass: 'managed' | 'unknown' | 'unmanageable';
}

/** A column: a destination a rule of the gateway names (a wildcard probed with a representative host). */
export interface MatrixColumn {
  readonly label: string;
  readonly host: string;
  readonly path: string;
}

/** Every client × destination decision of one access proxy of a lab. */
export interface GatewayMatrix {
  readonly gateway: string;
  readonly rows: readonly MatrixRow[];
  readonly columns: readonly MatrixColumn[];
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly MatrixCell[])[];
}

/** The access matrix of one lab as its scenario file declares it, before any scenario changes it. */
export interface LabMatrix {
  /** SHA-256 of the lab's declaration: the same lab in two runs has the same id. */
  readonly id: string;
  readonly name: string;
  /** The scenario during which it was computed. */
  readonly scenario: string;
  readonly gateways: readonly GatewayMatrix[];
}

/** The whole report. */
export interface RunModel {
  readonly modelVersion: typeof MODEL_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly run: RunInfo;
  readonly inputs: RunInputs;
  readonly summary: RunSummary;
  readonly controls: readonly ControlResult[];
  readonly scenarios: readonly ScenarioResult[];
  readonly waivers: readonly WaiverRecord[];
  /** Access matrices of the run's labs (absent in reports of older versions). */
  readonly labs?: readonly LabMatrix[];
}
