/**
 * The cucumber-js 12 formatter plugin that writes the compliance reports. A profile uses it as
 *
 *   format: ['progress', ['./src/cucumber/formatter.cjs', 'reports/formatter.log']],
 *   formatOptions: { ztna: { reportsDir: 'reports', target: { kind: 'in-process', url: null, tlsVerify: true } } },
 *
 * (formatter.cjs loads this file: cucumber imports formatters with import(), which cannot load
 * .ts). It folds every message into a RunCollector and writes all five report files when the
 * run finishes — or, if it never does, when cucumber cleans up or the process exits or is
 * signalled, so a crashed run still leaves a report naming the scenarios it lost.
 */

import { formatDuration, printable, type RunModel, writeReports } from '../compliance';
import { buildRunModel } from './build-run-model';
import { assertKnownControls, locatedTagsOfPickles } from './control-tags';
import type { Envelope } from './envelope';
import { RunCollector } from './run-collector';
import { type FormatterSetup, formatterSetup, type ZtnaFormatOptions } from './run-context';

interface FormatterContext {
  readonly on: (key: 'message', handler: (envelope: Envelope) => void) => void;
  readonly options: ZtnaFormatOptions;
  readonly write: (text: string) => void;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Starts collecting; returns cucumber's cleanup hook. */
function formatter({ on, options, write }: FormatterContext): () => void {
  const setup = formatterSetup(options ?? {}, process.cwd());
  const collector = new RunCollector();
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    detach();
    write(summaryLine(report(collector, setup), setup.reportsDir));
  };
  const onExit = (): void => {
    try {
      finish();
    } catch (error) {
      process.stderr.write(`ztna-harness: could not write the reports: ${(error as Error).message}\n`);
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    process.kill(process.pid, signal);
  };
  const detach = (): void => {
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.once('exit', onExit);
  // Only where nobody else handles the signal: ours re-raises it once the reports are written.
  for (const signal of SIGNALS) if (process.listenerCount(signal) === 0) process.once(signal, onSignal);
  on('message', (envelope) => {
    collector.accept(envelope);
    if (envelope.pickle) checkControlTags(envelope, collector, setup);
    if (envelope.testRunFinished) finish();
  });
  return finish;
}

function report(collector: RunCollector, setup: FormatterSetup): RunModel {
  const model = buildRunModel(collector.snapshot(), setup.context, new Date());
  writeReports(model, setup.reportsDir);
  return model;
}

// Pickles arrive before any test case starts, so throwing here stops the run before anything
// runs. The error is also recorded: the report written on exit then says why the run stopped,
// instead of a previous run's reports being left in place for a gate to pass.
function checkControlTags(envelope: Envelope, collector: RunCollector, setup: FormatterSetup): void {
  const pickle = envelope.pickle!;
  const gherkinDocument = collector.snapshot().documents.get(pickle.uri);
  try {
    assertKnownControls(locatedTagsOfPickles([{ pickle, gherkinDocument }]), setup.catalog);
  } catch (error) {
    collector.addError({ source: 'control tags', message: (error as Error).message });
    throw error;
  }
}

/** The line the formatter ends run.log (and the run's output) with. */
export function summaryLine(model: RunModel, dir: string): string {
  const { summary } = model;
  const duration = model.run.finishedAt
    ? `, ${formatDuration(Date.parse(model.run.finishedAt) - Date.parse(model.run.startedAt))}`
    : '';
  const { target } = model.run;
  const insecure = target.tlsVerify
    ? ''
    : `; insecure: true (TLS verification of ${target.url ?? target.kind} was off)`;
  return `${printable(
    `ztna-harness compliance ${summary.outcome}: ${summary.scenarios} scenarios, ${summary.failures} failures, ${summary.counts.waived} waived${duration}${insecure}; reports in ${dir}`,
  )}\n`;
}

/** The cucumber formatter plugin (options under `formatOptions.ztna`). */
const plugin = { type: 'formatter' as const, optionsKey: 'ztna', formatter };
export default plugin;
