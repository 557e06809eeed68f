/**
 * The subset of @cucumber/messages (protocol 32) the report folds. Declared here, structurally,
 * so the report depends on the message protocol rather than on a transitive package's types,
 * and tests can write envelopes as plain objects.
 */

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}
export type Duration = Timestamp;

export interface Location {
  readonly line: number;
  readonly column?: number;
}

export interface Tag {
  readonly name: string;
  readonly id: string;
  readonly location: Location;
}

export interface GherkinStep {
  readonly id: string;
  readonly keyword: string;
  readonly text: string;
  readonly location: Location;
}

export interface GherkinScenario {
  readonly id: string;
  readonly name: string;
  readonly tags: readonly Tag[];
  readonly steps: readonly GherkinStep[];
  readonly location: Location;
  readonly examples: readonly {
    readonly id: string;
    readonly tags: readonly Tag[];
    readonly tableBody: readonly { readonly id: string; readonly location: Location }[];
  }[];
}

export interface GherkinChild {
  readonly background?: { readonly steps: readonly GherkinStep[] };
  readonly scenario?: GherkinScenario;
  readonly rule?: { readonly name: string; readonly tags: readonly Tag[]; readonly children: readonly GherkinChild[] };
}

export interface GherkinDocument {
  readonly uri?: string;
  readonly feature?: {
    readonly name: string;
    readonly tags: readonly Tag[];
    readonly location: Location;
    readonly children: readonly GherkinChild[];
  };
}

export interface PickleStep {
  readonly id: string;
  readonly text: string;
  readonly astNodeIds: readonly string[];
}

export interface Pickle {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly location?: Location;
  readonly steps: readonly PickleStep[];
  readonly tags: readonly { readonly name: string; readonly astNodeId: string }[];
  readonly astNodeIds: readonly string[];
}

export interface TestStep {
  readonly id: string;
  readonly pickleStepId?: string;
  readonly hookId?: string;
}

export interface TestStepResult {
  readonly status: 'UNKNOWN' | 'PASSED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'FAILED';
  readonly duration: Duration;
  readonly message?: string;
  readonly exception?: { readonly type: string; readonly message?: string };
}

export interface Hook {
  readonly id: string;
  readonly name?: string;
  readonly type?: string;
  readonly sourceReference: { readonly uri?: string; readonly location?: Location };
}

export interface Attachment {
  readonly body: string;
  readonly contentEncoding: 'IDENTITY' | 'BASE64';
  readonly mediaType: string;
  readonly testCaseStartedId?: string;
  readonly testStepId?: string;
}

/** One cucumber message: exactly one key is set. */
export interface Envelope {
  readonly meta?: {
    readonly implementation: { readonly name: string; readonly version?: string };
    readonly ci?: { readonly git?: { readonly revision: string } };
  };
  readonly source?: { readonly uri: string; readonly data: string };
  readonly gherkinDocument?: GherkinDocument;
  readonly parseError?: {
    readonly source: { readonly uri?: string; readonly location?: Location };
    readonly message: string;
  };
  readonly pickle?: Pickle;
  readonly hook?: Hook;
  readonly testRunStarted?: { readonly timestamp: Timestamp; readonly id?: string };
  readonly testCase?: { readonly id: string; readonly pickleId: string; readonly testSteps: readonly TestStep[] };
  readonly testCaseStarted?: {
    readonly id: string;
    readonly testCaseId: string;
    readonly attempt: number;
    readonly timestamp: Timestamp;
  };
  readonly testStepStarted?: {
    readonly testCaseStartedId: string;
    readonly testStepId: string;
    readonly timestamp: Timestamp;
  };
  readonly testStepFinished?: {
    readonly testCaseStartedId: string;
    readonly testStepId: string;
    readonly testStepResult: TestStepResult;
    readonly timestamp: Timestamp;
  };
  readonly attachment?: Attachment;
  readonly testCaseFinished?: {
    readonly testCaseStartedId: string;
    readonly timestamp: Timestamp;
    readonly willBeRetried: boolean;
  };
  readonly testRunHookStarted?: { readonly id: string; readonly hookId: string; readonly timestamp: Timestamp };
  readonly testRunHookFinished?: {
    readonly testRunHookStartedId: string;
    readonly result: TestStepResult;
    readonly timestamp: Timestamp;
  };
  readonly testRunFinished?: {
    readonly success: boolean;
    readonly timestamp: Timestamp;
    readonly message?: string;
    readonly exception?: { readonly type: string; readonly message?: string };
  };
}

/** Milliseconds since the epoch of a message timestamp. */
export const millisOf = (t: Timestamp): number => t.seconds * 1000 + Math.round(t.nanos / 1e6);

/** `file:line` of a source reference (a hook's definition), or null when cucumber gave none. */
export const referenceText = (ref: Hook['sourceReference'] | undefined): string | null =>
  ref?.uri ? `${ref.uri}${ref.location ? `:${ref.location.line}` : ''}` : null;
