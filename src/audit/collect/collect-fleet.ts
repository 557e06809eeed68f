import { type CollectOptions, collectDevice, type DeviceCollection } from './collect-device';
import { type FailureKind, failureKind } from './collection-error';
import type { SshTarget } from './ssh-url';

/** A device that could not be collected, and why. */
export interface DeviceFailure {
  readonly target: SshTarget;
  readonly kind: FailureKind;
  readonly message: string;
}

/** One device's outcome. */
export type DeviceOutcome =
  | { readonly ok: true; readonly collection: DeviceCollection }
  | ({ readonly ok: false } & DeviceFailure);

/**
 * Collects from every device with at most `concurrency` sessions (and sockets) open at once; a
 * device that fails is an outcome like the others and never stops them. Outcomes keep the
 * order of `targets`; `progress` hears of each device as it ends.
 */
export async function collectFleet(
  targets: readonly SshTarget[],
  options: CollectOptions,
  concurrency: number,
  progress: (done: number, outcome: DeviceOutcome) => void = () => {},
): Promise<DeviceOutcome[]> {
  const outcomes: DeviceOutcome[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index];
      outcomes[index] = await collectDevice(target, options).then(
        (collection): DeviceOutcome => ({ ok: true, collection }),
        (error: unknown): DeviceOutcome => ({
          ok: false,
          target,
          kind: failureKind(error),
          message: (error as Error).message,
        }),
      );
      progress(++done, outcomes[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return outcomes;
}
