/**
 * `npm run bench`: measures every figure, each phase in a child process of its own, prints a
 * table and writes reports/bench.json (atomically). Misses are figures too: the run exits 0
 * unless a phase crashed.
 *
 *   npm run bench [-- --only issuance,decide] [-- --out FILE]
 */
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomically } from '../src/input/output-files';
import { type Figure, type FigureSpec, figureOf, type Measured, renderTable } from './figures';
import { describeMachine } from './machine';

/** One phase: the module `bench/<phase>.ts` (it exports `measure()`) and the figures it reports. */
export interface PhaseSpec {
  readonly phase: string;
  readonly figures: readonly FigureSpec[];
  /** How long it may take (default DEFAULT_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** Every phase, in the order of the run and of the table. A new phase is one line here. */
export const PHASES: readonly PhaseSpec[] = [
  { phase: 'issuance', figures: [{ name: 'issuance_vs_raw_sign', unit: 'ratio', target: 0.5, better: 'higher' }] },
  { phase: 'decide', figures: [{ name: 'decide_ratio_1m_vs_1k', unit: 'ratio', target: 0.7, better: 'higher' }] },
  {
    phase: 'fleet',
    figures: [
      { name: 'decide_per_s_fleet', unit: 'decisions/s', target: 500_000, better: 'higher' },
      { name: 'decide_first_seen_vs_verify', unit: 'ratio', target: 0.8, better: 'higher' },
    ],
    timeoutMs: 300_000,
  },
  { phase: 'memory', figures: [{ name: 'bytes_per_record_1m', unit: 'bytes', target: 1024, better: 'lower' }] },
  {
    phase: 'suite',
    figures: [{ name: 'suite_ms_per_scenario', unit: 'ms', target: 10, better: 'lower' }],
    timeoutMs: 600_000,
  },
  {
    phase: 'start',
    figures: [{ name: 'cold_vs_warm_start', unit: 'ratio', target: 1.5, better: 'lower' }],
    timeoutMs: 600_000,
  },
  // proxy_vs_nginx_server_cpu reads the same race from each server's CPU time per handshake, which a
  // client short of CPU (2 cores: it needs about as much per handshake as a server) cannot flatter.
  {
    phase: 'handshakes',
    figures: [
      { name: 'proxy_vs_nginx_handshakes', unit: 'ratio', target: 0.8, better: 'higher' },
      { name: 'proxy_vs_nginx_server_cpu', unit: 'ratio', target: 0.8, better: 'higher' },
    ],
  },
  { phase: 'audit', figures: [{ name: 'audit_10k_seconds', unit: 's', target: 2, better: 'lower' }] },
  {
    phase: 'audit-200k',
    figures: [
      { name: 'audit_200k_seconds', unit: 's', target: 5, better: 'lower' },
      { name: 'audit_200k_peak_rss_mib', unit: 'MiB', target: 512, better: 'lower' },
    ],
    timeoutMs: 300_000,
  },
];

const DEFAULT_TIMEOUT_MS = 150_000;

interface PhaseOutcome {
  readonly measured: readonly Measured[];
  readonly failure?: string;
  readonly seconds: number;
}

/** Runs one phase in a child process; a crash or a timeout is an outcome, not an exception. */
function runPhase({ phase: name, timeoutMs }: PhaseSpec): Promise<PhaseOutcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  return new Promise((done) => {
    const child = fork(join(__dirname, 'phase.ts'), [name], {
      execArgv: ['--require', 'ts-node/register', '--expose-gc'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let measured: readonly Measured[] = [];
    const timeout = timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timedOut = false;
    // SIGTERM first, so that a phase can stop the servers it started; SIGKILL if it does not exit.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeout);
    child.on('message', (message: { figures?: Measured[] }) => (measured = message.figures ?? []));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const failure =
        code === 0
          ? undefined
          : timedOut
            ? `phase ${name} timed out after ${timeout / 1000} s`
            : `phase ${name} failed (exit ${code ?? signal})`;
      done({ measured, failure, seconds: seconds() });
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string' }, out: { type: 'string' } } });
  const known = PHASES.map((p) => p.phase);
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((p) => !known.includes(p)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: no phase ${unknown.join(', ')} (phases: ${known.join(', ')})\n`);
    return 2;
  }
  const phases = PHASES.filter((p) => !only || only.includes(p.phase));
  const machine = describeMachine();
  const started = performance.now();
  const figures: Figure[] = [];
  const phaseSeconds: Record<string, number> = {};
  let crashed = false;
  for (const phase of phases) {
    process.stderr.write(`bench: ${phase.phase}…\n`);
    const outcome = await runPhase(phase);
    phaseSeconds[phase.phase] = outcome.seconds;
    crashed ||= outcome.failure !== undefined;
    for (const spec of phase.figures) {
      figures.push(
        figureOf(
          spec,
          outcome.measured.find((m) => m.name === spec.name),
          outcome.failure,
        ),
      );
    }
  }
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  const report = {
    machine: {
      ...machine,
      loadAverage: { ...machine.loadAverage, after: Number(loadavg()[0]!.toFixed(2)) },
      benchSeconds: totalSeconds,
      phaseSeconds,
    },
    figures,
  };
  const out = resolve(values.out ?? join(__dirname, '..', 'reports', 'bench.json'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomically(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(figures)}\n\n`);
  for (const figure of figures.filter((f) => f.summary)) process.stdout.write(`${figure.name}: ${figure.summary}\n`);
  process.stdout.write('\n');
  for (const figure of figures.filter((f) => f.reason))
    process.stdout.write(`${figure.verdict} ${figure.name}: ${figure.reason}\n`);
  process.stdout.write(
    `\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, OpenSSL ${machine.openssl}; load ${report.machine.loadAverage.before} → ${report.machine.loadAverage.after}; ${totalSeconds} s\n`,
  );
  process.stdout.write(`wrote ${out}\n`);
  return crashed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
