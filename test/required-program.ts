/**
 * Tests that need a real program (openssl, xmllint, chromium, haproxy, nginx) skip loudly when it
 * is missing on a developer's machine, and fail under CI, which installs every one of them: a
 * green CI must mean the test ran.
 */
import { spawnSync } from 'node:child_process';

/** Whether `program` runs here (`args` is a harmless invocation such as `-v`). */
export function programRuns(program: string, args: readonly string[] = ['-v']): boolean {
  const run = spawnSync(program, args, { stdio: 'ignore', timeout: 10_000 });
  return !run.error && run.status === 0;
}

/**
 * The skip reason for a test that needs `program` when it is missing, or false when it is there.
 * Under CI a missing program throws, so the test (or the whole file) fails instead of skipping.
 */
export function skipUnlessInstalled(
  present: boolean,
  program: string,
  install: string,
  env = process.env,
): string | false {
  if (present) return false;
  const missing = `${program} is not installed (${install})`;
  if (env.CI) throw new Error(`${missing}, and CI must run the tests that need it`);
  console.warn(`\n*** ${missing}: tests that need it are SKIPPED (CI installs it) ***\n`);
  return missing;
}
