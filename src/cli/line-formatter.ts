import { Formatter, formatterHelpers, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, TestStepResult, TestStepResultStatus } from '@cucumber/messages';
import { failureParts, printable } from '../compliance';
import { pathFromTag } from '../cucumber';

const MARK: Partial<Record<TestStepResultStatus, string>> = {
  PASSED: 'ok  ',
  FAILED: 'FAIL',
  SKIPPED: 'skip',
  UNDEFINED: 'UNDF',
  PENDING: 'PEND',
  AMBIGUOUS: 'AMBG',
};
/** Statuses whose step and message a reader needs to see to act on them. */
const EXPLAINED: ReadonlySet<string> = new Set(['FAILED', 'UNDEFINED', 'PENDING', 'AMBIGUOUS']);
const INDENT = '       ';

/**
 * The message of a failed step without its stack trace: the assertion's own words, which say what
 * was expected and what the request got (reason, FortiOS code, detail, rule).
 */
export function failureMessage(result: TestStepResult): string | undefined {
  const text = result.exception?.message ?? result.message;
  return text ? failureParts(text).assertion : undefined;
}

/** Plain progress for logs and CI: one line per finished scenario with its status and `file:line`; why, for a failure. */
export default class LineFormatter extends Formatter {
  static override readonly documentation = 'ztna-harness: one line per scenario';

  constructor(options: IFormatterOptions) {
    super(options);
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => this.onEnvelope(envelope));
  }

  private onEnvelope(envelope: Envelope): void {
    if (!envelope.testCaseFinished || envelope.testCaseFinished.willBeRetried) return;
    const attempt = this.eventDataCollector.getTestCaseAttempt(envelope.testCaseFinished.testCaseStartedId);
    const parsed = formatterHelpers.parseTestCaseAttempt({
      testCaseAttempt: attempt,
      snippetBuilder: this.snippetBuilder,
      supportCodeLibrary: this.supportCodeLibrary,
    });
    const status = attempt.worstTestStepResult.status;
    // Scenarios generated from a YAML checks table name their real source in a @source: tag.
    const source = attempt.pickle.tags.find((t) => /^@source:.+:\d+$/.test(t.name))?.name.slice('@source:'.length);
    const at = parsed.testCase.sourceLocation;
    const where = source !== undefined ? pathFromTag(source) : at ? `${at.uri}:${at.line}` : attempt.pickle.uri;
    this.log(`${MARK[status] ?? status} ${printable(attempt.pickle.name)}  (${printable(where)})\n`);
    if (!EXPLAINED.has(status)) return;
    const step = parsed.testSteps.find((s) => s.result.status === status);
    if (!step) return;
    // A generated scenario's steps live in a temporary file; the check's own line is already shown.
    const stepAt = step.sourceLocation && !source ? ` (${step.sourceLocation.uri}:${step.sourceLocation.line})` : '';
    const what = step.text === undefined ? `${step.keyword} hook` : `${step.keyword.trim()} ${step.text}`;
    const why =
      failureMessage(step.result) ??
      (status === 'UNDEFINED' ? 'no step definition matches this step' : status.toLowerCase());
    this.log(
      `${INDENT}at ${printable(what)}${printable(stepAt)}\n${why
        .split('\n')
        .map((line) => `${INDENT}${printable(line)}`)
        .join('\n')}\n`,
    );
  }
}
