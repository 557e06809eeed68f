import { Formatter, IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, TestStepResultStatus } from '@cucumber/messages';
import { pathFromTag } from '../report/control-tags';
import { printable } from '../report/printable';

const MARK: Partial<Record<TestStepResultStatus, string>> = { PASSED: 'ok  ', FAILED: 'FAIL', SKIPPED: 'skip', UNDEFINED: 'UNDF', PENDING: 'PEND', AMBIGUOUS: 'AMBG' };

/** Plain progress for logs and CI: one line per finished scenario, its status and its source. */
export default class LineFormatter extends Formatter {
  static override readonly documentation = 'ztna-harness: one line per scenario';

  constructor(options: IFormatterOptions) {
    super(options);
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => this.onEnvelope(envelope));
  }

  private onEnvelope(envelope: Envelope): void {
    if (!envelope.testCaseFinished || envelope.testCaseFinished.willBeRetried) return;
    const attempt = this.eventDataCollector.getTestCaseAttempt(envelope.testCaseFinished.testCaseStartedId);
    const status = attempt.worstTestStepResult.status;
    // Scenarios generated from a YAML checks table name their real source in a @source: tag.
    const source = attempt.pickle.tags.find((t) => /^@source:.+:\d+$/.test(t.name))?.name.slice('@source:'.length);
    const where = source === undefined ? attempt.pickle.uri : pathFromTag(source);
    this.log(`${MARK[status] ?? status} ${printable(`${attempt.pickle.name}  (${where})`)}\n`);
  }
}
