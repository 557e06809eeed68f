/** A worker of serial-uniqueness.spec.ts: builds labs as a parallel run would and posts every serial they issued. */
import { parentPort, workerData } from 'node:worker_threads';
import { createLab } from '../../src/lab';

async function issue({ labs, endpoints, seed }: { labs: number; endpoints: number; seed?: string }): Promise<string[]> {
  const serials: string[] = [];
  for (let i = 0; i < labs; i++) {
    const lab = await createLab({
      ...(seed ? { seed } : {}),
      endpoints: Array.from({ length: endpoints }, (_, n) => ({ name: `e${n}` })),
    });
    serials.push(
      lab.ems.ssl.ca.serial,
      lab.ems.ssl.server.serial,
      ...lab.ems.sites.map((s) => s.ca.active.certificate.serial),
    );
    for (const endpoint of lab.endpoints) serials.push(endpoint.identity!.certificate.serial);
    await lab.endpoints[0]!.reconnect();
    serials.push(lab.endpoints[0]!.identity!.certificate.serial);
    lab.dispose();
  }
  return serials;
}

/** Unseeded labs (as a parallel run builds them) and one lab with a pinned seed. */
async function main({
  labs,
  endpoints,
}: {
  labs: number;
  endpoints: number;
}): Promise<{ unseeded: string[]; pinned: string[] }> {
  return {
    unseeded: await issue({ labs, endpoints }),
    pinned: await issue({ labs: 1, endpoints: 2, seed: 'replay-me' }),
  };
}

main(workerData).then((serials) => parentPort!.postMessage(serials));
