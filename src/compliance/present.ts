// Shared wording of the renderers and the gate, so every format says a thing the same way.
import type { DecisionEvidence, ScenarioResult, WaiverMark } from './run-model';

/** `not_applicable` → `not applicable`. */
export const statusLabel = (status: string): string => status.replace(/_/g, ' ');

/** A scenario's status as shown to a reader: a waived result says so. */
export const scenarioStatusLabel = (scenario: ScenarioResult): string =>
  scenario.waiver ? `${statusLabel(scenario.status)} (waived)` : statusLabel(scenario.status);

/** `850 ms`, `12.3 s`. */
export const formatDuration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The first line of a message, for one-line contexts. */
export const firstLine = (text: string): string => text.split('\n', 1)[0]!.trim();

/** One line saying who waived what until when and why. */
export const waiverLine = (mark: WaiverMark): string =>
  `waived by ${mark.approver} until ${mark.expires}: ${mark.justification}`;

/** One line summarising a decision: verdict, reason, codes and the identity involved. */
export function decisionLine(decision: DecisionEvidence): string {
  const codes = [
    decision.fortiosCode && `FortiOS ${decision.fortiosCode}`,
    decision.httpStatus !== null && `HTTP ${decision.httpStatus}`,
  ]
    .filter(Boolean)
    .join(', ');
  const facts = [
    decision.uid && `uid=${decision.uid}`,
    decision.certificateSerial && `sn=${decision.certificateSerial}`,
    decision.rule && `rule=${decision.rule}`,
    decision.virtualTime && `at ${decision.virtualTime}`,
  ].filter(Boolean);
  const reason = decision.reason ?? '(reason not reported)';
  return [`${decision.verdict} ${reason}`, codes && `(${codes})`, ...facts].filter(Boolean).join(' ');
}
