import type { Evidence, RunError } from '../compliance';
import type { Envelope, GherkinDocument, Hook, Pickle, TestStep, TestStepResult } from './envelope';
import { millisOf, referenceText } from './envelope';
import { evidenceOfAttachment } from './evidence';

/** The latest attempt of a test case, as far as the stream got. */
export interface AttemptState {
  readonly attempt: number;
  readonly startedAt: number;
  finishedAt: number | null;
  readonly results: Map<string, TestStepResult>;
  readonly evidence: Evidence[];
}

/** Everything folded from the message stream so far, as plain lookups. */
export interface CollectedRun {
  readonly sources: ReadonlyMap<string, string>;
  readonly documents: ReadonlyMap<string, GherkinDocument>;
  readonly pickles: ReadonlyMap<string, Pickle>;
  readonly hooks: ReadonlyMap<string, Hook>;
  readonly testCases: readonly {
    readonly id: string;
    readonly pickleId: string;
    readonly testSteps: readonly TestStep[];
  }[];
  readonly attempts: ReadonlyMap<string, AttemptState>;
  readonly runId: string | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly errors: readonly RunError[];
  readonly cucumberVersion: string | null;
  readonly gitRevision: string | null;
}

/** The collector's own, writable view of a CollectedRun. */
interface CollectorState {
  readonly sources: Map<string, string>;
  readonly documents: Map<string, GherkinDocument>;
  readonly pickles: Map<string, Pickle>;
  readonly hooks: Map<string, Hook>;
  readonly testCases: CollectedRun['testCases'][number][];
  readonly attempts: Map<string, AttemptState>;
  readonly errors: RunError[];
  runId: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  cucumberVersion: string | null;
  gitRevision: string | null;
}

/**
 * Folds cucumber messages into a CollectedRun. It only records; interpreting (statuses, failing
 * steps, controls) happens when the model is built, so a snapshot can be taken at any moment —
 * including from an exit handler after a crash.
 */
export class RunCollector {
  private readonly run: CollectorState = {
    sources: new Map(),
    documents: new Map(),
    pickles: new Map(),
    hooks: new Map(),
    testCases: [],
    attempts: new Map(),
    errors: [],
    runId: null,
    startedAt: null,
    finishedAt: null,
    cucumberVersion: null,
    gitRevision: null,
  };
  private readonly startedToCase = new Map<string, string>();
  private readonly runHooks = new Map<string, string>();

  /** Records one message; messages the report does not need are ignored. */
  accept(envelope: Envelope): void {
    const run = this.run;
    if (envelope.meta) {
      run.cucumberVersion = envelope.meta.implementation.version ?? null;
      run.gitRevision = envelope.meta.ci?.git?.revision ?? null;
    }
    if (envelope.source) run.sources.set(envelope.source.uri, envelope.source.data);
    if (envelope.gherkinDocument?.uri) run.documents.set(envelope.gherkinDocument.uri, envelope.gherkinDocument);
    if (envelope.pickle) run.pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.hook) run.hooks.set(envelope.hook.id, envelope.hook);
    if (envelope.testCase) run.testCases.push(envelope.testCase);
    if (envelope.parseError) this.parseError(envelope.parseError);
    if (envelope.testRunStarted) {
      run.startedAt = millisOf(envelope.testRunStarted.timestamp);
      run.runId = envelope.testRunStarted.id ?? null;
    }
    this.acceptTestCaseMessage(envelope);
    if (envelope.testRunHookStarted)
      this.runHooks.set(envelope.testRunHookStarted.id, envelope.testRunHookStarted.hookId);
    if (envelope.testRunHookFinished) this.runHookFinished(envelope.testRunHookFinished);
    if (envelope.testRunFinished) {
      run.finishedAt = millisOf(envelope.testRunFinished.timestamp);
      const failure = envelope.testRunFinished.exception?.message ?? envelope.testRunFinished.message;
      if (failure) run.errors.push({ source: 'run', message: failure });
    }
  }

  /** Records a problem outside any scenario (one the formatter found itself). */
  addError(error: RunError): void {
    this.run.errors.push(error);
  }

  /** The run as collected so far (live lookups: take it when the model is built). */
  snapshot(): CollectedRun {
    return this.run;
  }

  private acceptTestCaseMessage(envelope: Envelope): void {
    const {
      testCaseStarted: started,
      testStepFinished: stepFinished,
      attachment,
      testCaseFinished: finished,
    } = envelope;
    if (started) {
      this.startedToCase.set(started.id, started.testCaseId);
      // A retry replaces the previous attempt: the report shows the outcome that counted.
      this.run.attempts.set(started.testCaseId, {
        attempt: started.attempt,
        startedAt: millisOf(started.timestamp),
        finishedAt: null,
        results: new Map(),
        evidence: [],
      });
    }
    const attemptOf = (startedId: string | undefined): AttemptState | undefined =>
      startedId === undefined ? undefined : this.run.attempts.get(this.startedToCase.get(startedId) ?? '');
    if (stepFinished)
      attemptOf(stepFinished.testCaseStartedId)?.results.set(stepFinished.testStepId, stepFinished.testStepResult);
    if (attachment) attemptOf(attachment.testCaseStartedId)?.evidence.push(evidenceOfAttachment(attachment));
    if (finished) {
      const attempt = attemptOf(finished.testCaseStartedId);
      if (attempt) attempt.finishedAt = millisOf(finished.timestamp);
    }
  }

  private parseError(error: NonNullable<Envelope['parseError']>): void {
    const { uri, location } = error.source;
    const where = [uri, location?.line].filter((part) => part !== undefined).join(':');
    this.run.errors.push({ source: `parse error (${where})`, message: error.message });
  }

  private runHookFinished(finished: NonNullable<Envelope['testRunHookFinished']>): void {
    const status = finished.result.status;
    if (status === 'PASSED' || status === 'SKIPPED') return;
    const hook = this.run.hooks.get(this.runHooks.get(finished.testRunHookStartedId) ?? '');
    const kind = hook?.type === 'AFTER_TEST_RUN' ? 'AfterAll' : 'BeforeAll';
    const ref = referenceText(hook?.sourceReference);
    const where = ref ? ` (${ref})` : '';
    const message = finished.result.message ?? finished.result.exception?.message ?? status.toLowerCase();
    this.run.errors.push({ source: `${kind} hook${where}`, message });
  }
}
