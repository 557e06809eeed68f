/** Where in a user's file something went wrong (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** What kind of failure a HarnessError reports; the CLI maps codes to exit statuses. */
export type ErrorCode = 'BAD_INPUT' | 'CSR_REJECTED' | 'NOT_FOUND' | 'INVALID_STATE' | 'TARGET' | 'BUG';

/**
 * The one error class of the harness. `message` is safe to show a user as it is: it never
 * carries key material, and the CLI prints it without a stack trace.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { readonly cause?: unknown; readonly location?: SourceLocation } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  /** The location as `file:line:col` (as editors and terminals link it), or undefined. */
  get where(): string | undefined {
    const at = this.options.location;
    if (!at) return undefined;
    return [at.file, at.line, at.column].filter((part) => part !== undefined).join(':');
  }
}

/** Shorthand for a bad-input error, the common case when reading user files. */
export function badInput(message: string, location?: SourceLocation, cause?: unknown): HarnessError {
  return new HarnessError('BAD_INPUT', message, { location, cause });
}
