/** A failed step's message split into what a reader acts on (the assertion) and where it was thrown (the stack). */
export interface FailureParts {
  /** The message before the first stack frame: expected vs actual, in the step's own words. */
  readonly assertion: string;
  /** Stack frames of the user's and the harness's code. */
  readonly frames: readonly string[];
  /** How many frames of node_modules and Node's internals were left out. */
  readonly hiddenFrames: number;
}

const FRAME = /^\s+at /;
/** Frames of dependencies and of Node itself say nothing about the scenario. */
const NOISE = /node_modules[\\/]|\(node:|at node:/;

/** Splits a message as cucumber records it (error message, then `    at …` frames). */
export function failureParts(message: string): FailureParts {
  const lines = message.split(/\r?\n/);
  const first = lines.findIndex((line) => FRAME.test(line));
  const head = first < 0 ? lines : lines.slice(0, first);
  const stack = first < 0 ? [] : lines.slice(first).filter((line) => line.trim() !== '');
  const frames = stack.filter((line) => !(FRAME.test(line) && NOISE.test(line)));
  return {
    assertion: head.filter((line) => line.trim() !== '').join('\n'),
    frames,
    hiddenFrames: stack.length - frames.length,
  };
}
