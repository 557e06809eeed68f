import { resolve } from 'node:path';
import { badInput } from '../errors';
import { prepareOutputDir } from '../input/output-files';
import { processIo, type CommandIo } from '../report/command-io';
import { mergeReports } from '../report/merge-reports';
import { writeReports } from '../report/report-files';
import { loadReport } from '../report/report-loader';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';

export const REPORT_HELP = `Usage: ztna-harness report merge <shard/compliance.json>... --out <dir> [--follow-symlinks]

Joins the reports of sharded runs (cucumber --shard i/n, one runner each) into one
report: compliance.json and its .sha256 digest, compliance.html, junit.xml and
compliance.md are written to <dir>. Each shard is checked against the report schema
and its own digest; shards from different feature sets, tool versions, catalogs,
targets or commits are refused, as is a scenario present in two shards. An --out folder
that is a symbolic link is refused unless --follow-symlinks is given.

Exit status: 0 merged, 2 bad input.
`;

/** `ztna-harness report merge`: 0 merged, 2 bad input. */
export async function reportCommand(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const [subcommand, ...rest] = argv;
    if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
      io.stdout.write(REPORT_HELP);
      return subcommand === undefined ? EXIT.badInput : EXIT.ok;
    }
    if (subcommand !== 'merge') throw badInput(`report: unknown subcommand "${subcommand}"; expected merge (see ztna-harness report --help)`);
    const { values, positionals } = parseCommandArgs('report merge', rest, { out: { type: 'string', short: 'o' }, 'follow-symlinks': { type: 'boolean' } });
    if (values.help) {
      io.stdout.write(REPORT_HELP);
      return EXIT.ok;
    }
    if (typeof values.out !== 'string') throw badInput('report merge: --out <dir> is required');
    if (positionals.length === 0) throw badInput('report merge: expected at least one shard report');
    const out = prepareOutputDir(resolve(io.cwd, values.out), { followSymlinks: values['follow-symlinks'] === true });
    const shards = positionals.map((file) => ({ file, model: loadReport(resolve(io.cwd, file)) }));
    const merged = mergeReports(shards);
    writeReports(merged, out);
    const { summary } = merged;
    io.stdout.write(`merged ${shards.length} shard${shards.length === 1 ? '' : 's'} (${summary.scenarios} scenarios, ${summary.failures} failures, ${summary.counts.waived} waived, ${summary.outcome}) into ${values.out}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}
