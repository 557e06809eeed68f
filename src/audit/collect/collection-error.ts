import { HarnessError } from '../../errors';

/**
 * Why a device could not be collected. `host-key` is a trust decision the operator must make
 * (exit 2, as bad input); the others are findings (`collection-failed`) while the rest go on.
 */
export type FailureKind = 'host-key' | 'connect' | 'auth' | 'command-timeout' | 'command-refused' | 'output-too-large';

/** A collection failure: a HarnessError of code TARGET whose cause names the kind. */
export function collectionError(kind: FailureKind, message: string): HarnessError {
  return new HarnessError('TARGET', message, { cause: { kind } });
}

/** The kind of a collection failure; anything else that went wrong on the wire is `connect`. */
export function failureKind(error: unknown): FailureKind {
  const cause = error instanceof HarnessError ? (error.options.cause as { kind?: FailureKind } | undefined) : undefined;
  return cause?.kind ?? 'connect';
}
