import { resolve } from 'node:path';
import {
  DEFAULT_GATE_POLICY,
  evaluateGate,
  type GateVerdict,
  loadGatePolicy,
  loadReport,
  printable,
} from '../compliance';
import { badInput } from '../errors';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';
import { type CommandIo, processIo } from './command-io';

export const GATE_HELP = `Usage: ztna-harness gate <compliance.json> [--policy <gate.yaml>] [--strict]

Judges a compliance report against a gate policy (schemas/gate-policy.schema.json):
requiredControls, minAllowEvidence, minDenyEvidence, maxFailures, allowNoScenarios and
waivers. Without --policy every catalogued control the run touched is required and no failure
is allowed. A report without a single scenario is not compliant unless the policy sets
allowNoScenarios: true. Waivers come from the policy only; an expired waiver does not count
and is listed as "expired:"; a waiver that matches nothing in the report is a warning.

  --strict     a warning (a waiver matching nothing) is an unmet criterion

Exit status: 0 compliant, 1 not compliant (one line per unmet criterion), 2 bad input.
`;

/** `ztna-harness gate`: 0 compliant, 1 not compliant, 2 bad input. */
export async function gateCommand(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs('gate', argv, {
      policy: { type: 'string' },
      strict: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(GATE_HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1)
      throw badInput(`gate: expected one compliance report, got ${positionals.length} (see ztna-harness gate --help)`);
    const report = loadReport(resolve(io.cwd, positionals[0]!));
    const policy =
      typeof values.policy === 'string' ? loadGatePolicy(resolve(io.cwd, values.policy)) : DEFAULT_GATE_POLICY;
    const verdict = evaluateGate(report, policy, io.now(), { strict: values.strict === true });
    io.stdout.write(verdictText(verdict));
    return verdict.compliant ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

// Every line from the report or the policy is printed with its control characters escaped,
// so that a name or a waiver cannot print a line of its own.
function verdictText(verdict: GateVerdict): string {
  const { counts, scenarios } = verdict.model.summary;
  const { target } = verdict.model.run;
  const tally = `${scenarios} scenarios, ${counts.passed} passed, ${counts.waived} waived`;
  const n = verdict.unmet.length;
  return [
    ...(target.tlsVerify
      ? []
      : [
          `insecure: true: the run's target ${target.kind}${target.url ? ` ${target.url}` : ''} was reached with TLS verification off`,
        ]),
    ...verdict.warnings.map((line) => `warning: ${line}`),
    ...verdict.expired.map((line) => `expired: ${line}`),
    ...verdict.waived.map((line) => `waived: ${line}`),
    ...verdict.unmet.map((line) => `unmet: ${line}`),
  ]
    .map(printable)
    .concat(
      verdict.compliant
        ? `compliant (${tally})`
        : `not compliant: ${n} unmet criteri${n === 1 ? 'on' : 'a'} (${tally})`,
      '',
    )
    .join('\n');
}
