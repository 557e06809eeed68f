/** A worker thread of the property test: runs its share of the sequences and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { type PropertyOptions, runProperty } from './property-run';

runProperty(workerData as PropertyOptions).then(
  (result) => parentPort!.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
