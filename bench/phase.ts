/**
 * Child-process entry of one benchmark phase: `node -r ts-node/register --expose-gc bench/phase.ts NAME`.
 * Each phase runs in a process of its own so that one phase's heap, JIT state and threads do not
 * skew another's figures; the result goes back to bench/run.ts over IPC.
 */
import { Measured } from './figures';

type Phase = () => Promise<Measured[]>;

const PHASES: Record<string, () => Promise<Phase>> = {
  issuance: async () => (await import('./issuance')).measure,
  decide: async () => (await import('./decide')).measure,
  memory: async () => (await import('./memory')).measure,
  suite: async () => (await import('./suite')).measure,
  handshakes: async () => (await import('./handshakes')).measure,
  audit: async () => (await import('./audit')).measure,
};

/** The phases, in the order bench/run.ts runs them. */
export const PHASE_NAMES = Object.keys(PHASES);

async function main(name: string): Promise<void> {
  const load = PHASES[name];
  if (!load) throw new Error(`no benchmark phase "${name}" (phases: ${PHASE_NAMES.join(', ')})`);
  const figures = await (await load())();
  await new Promise<void>((resolve, reject) => process.send!({ figures }, (error: Error | null) => (error ? reject(error) : resolve())));
}

if (require.main === module) {
  main(process.argv[2] ?? '').then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
