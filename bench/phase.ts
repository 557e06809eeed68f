/**
 * Child-process entry of one benchmark phase: `node -r ts-node/register --expose-gc bench/phase.ts NAME`.
 * Each phase runs in a process of its own so that one phase's heap, JIT state and threads do not
 * skew another's figures; the result goes back to bench/run.ts over IPC.
 */
import type { Measured } from './figures';
import { PHASES } from './run';

async function main(name: string): Promise<void> {
  if (!PHASES.some((p) => p.phase === name))
    throw new Error(`no benchmark phase "${name}" (phases: ${PHASES.map((p) => p.phase).join(', ')})`);
  const { measure } = (await import(`./${name}`)) as { measure: () => Promise<Measured[]> };
  const figures = await measure();
  await new Promise<void>((resolve, reject) =>
    process.send!({ figures }, (error: Error | null) => (error ? reject(error) : resolve())),
  );
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
