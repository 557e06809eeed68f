/** A worker of live-keys.spec.ts: builds labs, posts their public keys, and holds them until told to dispose. */
import { parentPort, workerData } from 'node:worker_threads';
import { createLab } from '../../src/lab';

async function main({ labs }: { labs: number }): Promise<void> {
  const built = await Promise.all(
    Array.from({ length: labs }, () => createLab({ endpoints: [{ name: 'a' }, { name: 'b' }] })),
  );
  parentPort!.postMessage(built.map((lab) => lab.keys.keys.map((key) => key.spki.toString('hex'))));
  parentPort!.once('message', () => {
    for (const lab of built) lab.dispose();
    parentPort!.close();
  });
}

void main(workerData);
