import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  diffReports,
  EVIDENCE_BUNDLE,
  evidenceStatement,
  keyFileWarning,
  loadPublicKey,
  loadReport,
  loadSigningKey,
  mergeReports,
  REPORT_FILES,
  renderDiffJson,
  renderDiffMarkdown,
  SIGNING_KEY_ENV,
  signedBundle,
  verifyBundle,
  writeReports,
} from '../compliance';
import { badInput } from '../errors';
import { prepareOutputDir, writeFileAtomically } from '../input';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';
import { type CommandIo, processIo } from './command-io';

export const REPORT_HELP = `Usage: ztna-harness report merge <shard/compliance.json>... --out <dir> [--follow-symlinks]
       ztna-harness report sign <reports-dir> [--key KEY.pem]
       ztna-harness report verify <reports-dir> --pub PUB.pem
       ztna-harness report diff <base/compliance.json> <head/compliance.json>
                                [--out FILE] [--fail-on-change]

merge   joins the reports of sharded runs (cucumber --shard i/n, one runner each) into one
        report: every report file is written to <dir>. Each shard is checked against the
        report schema and its own digest; shards from different feature sets, tool versions,
        catalogs, targets or commits are refused, as is a scenario present in two shards. An
        --out folder that is a symbolic link is refused unless --follow-symlinks is given.
sign    writes <reports-dir>/${EVIDENCE_BUNDLE}: a DSSE envelope around an in-toto
        Statement v1 whose subjects are every file in <reports-dir> with its SHA-256, and
        whose predicate names the tool, version, commit, target and the run's summary (from
        its compliance.json). The key is an Ed25519 or ECDSA P-256 private key in PEM, from
        --key or the environment variable ${SIGNING_KEY_ENV}; it is never printed.
verify  checks the envelope's signature with the public key and every file against its
        digest; names each changed, missing or unsigned file.
diff    compares two runs: scenarios and controls whose status changed, and decisions that
        changed for the same probe (endpoint, destination, user agent, gateway) with the old
        and new verdict, reason and rule. Markdown (a pull-request comment) on stdout, JSON
        to --out (default: reports/diff.json).

Exit status: merge, sign: 0 done, 2 bad input. verify: 0 signature good and every file
matches, 1 a file changed or the signature is bad, 2 bad input. diff: 0 no regression,
1 a passing scenario or control now fails (with --fail-on-change: also any changed
decision), 2 bad input.
`;

type Subcommand = (argv: string[], io: CommandIo) => number;

function merge(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs('report merge', argv, {
    out: { type: 'string', short: 'o' },
    'follow-symlinks': { type: 'boolean' },
  });
  if (typeof values.out !== 'string') throw badInput('report merge: --out <dir> is required');
  if (positionals.length === 0) throw badInput('report merge: expected at least one shard report');
  const out = prepareOutputDir(resolve(io.cwd, values.out), { followSymlinks: values['follow-symlinks'] === true });
  const shards = positionals.map((file) => ({ file, model: loadReport(resolve(io.cwd, file)) }));
  const merged = mergeReports(shards);
  writeReports(merged, out);
  const { summary } = merged;
  io.stdout.write(
    `merged ${shards.length} shard${shards.length === 1 ? '' : 's'} (${summary.scenarios} scenarios, ${summary.failures} failures, ${summary.counts.waived} waived, ${summary.outcome}) into ${values.out}\n`,
  );
  return EXIT.ok;
}

const oneDir = (command: string, positionals: string[]): string => {
  if (positionals.length !== 1)
    throw badInput(`report ${command}: expected one reports directory, got ${positionals.length}`);
  return positionals[0]!;
};

function sign(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs('report sign', argv, { key: { type: 'string' } });
  const dir = resolve(io.cwd, oneDir('sign', positionals));
  const keyFile = typeof values.key === 'string' ? resolve(io.cwd, values.key) : undefined;
  const key = loadSigningKey(keyFile);
  const warning = keyFile && keyFileWarning(keyFile);
  if (warning) io.stderr.write(`ztna-harness: warning: ${warning}\n`);
  const statement = evidenceStatement(dir, loadReport(join(dir, REPORT_FILES.json)));
  writeFileAtomically(join(dir, EVIDENCE_BUNDLE), signedBundle(statement, key));
  io.stdout.write(
    `signed ${statement.subject.length} report files into ${join(oneDir('sign', positionals), EVIDENCE_BUNDLE)}\n`,
  );
  return EXIT.ok;
}

function verify(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs('report verify', argv, { pub: { type: 'string' } });
  const dir = oneDir('verify', positionals);
  if (typeof values.pub !== 'string') throw badInput('report verify: --pub PUB.pem is required');
  const { problems, subjects } = verifyBundle(resolve(io.cwd, dir), loadPublicKey(resolve(io.cwd, values.pub)));
  for (const problem of problems) io.stdout.write(`FAIL ${problem}\n`);
  if (problems.length > 0) return EXIT.failed;
  io.stdout.write(`ok: signature good, ${subjects} files match (${join(dir, EVIDENCE_BUNDLE)})\n`);
  return EXIT.ok;
}

function diff(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs('report diff', argv, {
    out: { type: 'string', short: 'o' },
    'fail-on-change': { type: 'boolean' },
  });
  if (positionals.length !== 2)
    throw badInput(
      `report diff: expected BASE/compliance.json and HEAD/compliance.json, got ${positionals.length} file(s)`,
    );
  const [base, head] = positionals.map((file) => loadReport(resolve(io.cwd, file)));
  const result = diffReports(base!, head!);
  const out = resolve(io.cwd, typeof values.out === 'string' ? values.out : join('reports', 'diff.json'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomically(out, renderDiffJson(result));
  io.stdout.write(renderDiffMarkdown(result));
  const changed = values['fail-on-change'] === true && result.decisions.length > 0;
  return result.regression || changed ? EXIT.failed : EXIT.ok;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = { merge, sign, verify, diff };

/** `ztna-harness report merge|sign|verify|diff` */
export async function reportCommand(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const [subcommand, ...rest] = argv;
    if (
      subcommand === undefined ||
      subcommand === '--help' ||
      subcommand === '-h' ||
      rest.includes('--help') ||
      rest.includes('-h')
    ) {
      io.stdout.write(REPORT_HELP);
      return subcommand === undefined ? EXIT.badInput : EXIT.ok;
    }
    const run = Object.hasOwn(SUBCOMMANDS, subcommand) ? SUBCOMMANDS[subcommand] : undefined;
    if (!run)
      throw badInput(
        `report: unknown subcommand "${subcommand}"; expected ${Object.keys(SUBCOMMANDS).join(', ')} (see ztna-harness report --help)`,
      );
    return run(rest, io);
  } catch (error) {
    return reportError(error, io.stderr);
  }
}
