import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { badInput } from '../../errors';
import { pinnedFingerprint } from './host-key';
import { parseKnownHosts } from './known-hosts';
import type { HostKeyPolicy, SshAuth } from './ssh-session';

/** Reads a user's file through the CLI's loader. */
export type ReadText = (file: string) => { readonly file: string; readonly text: string };

/** The environment variables secrets come from; no flag or repository file ever holds one. */
export const SSH_ENV = { password: 'FORTIGATE_SSH_PASSWORD', passphrase: 'ZTNA_HARNESS_SSH_PASSPHRASE' } as const;

/**
 * Credentials: the key file (`--ssh-key`, passphrase from the environment) and/or the password
 * from the environment. The key is parsed once here so that a wrong passphrase is bad input
 * (exit 2) before any device is contacted; like ssh, a key others may read is refused.
 */
export function sshAuth(keyFile: string | undefined, read: ReadText, env: NodeJS.ProcessEnv = process.env): SshAuth {
  const password = env[SSH_ENV.password];
  const passphrase = env[SSH_ENV.passphrase];
  if (keyFile === undefined) {
    if (password === undefined || password === '')
      throw badInput(`collecting over SSH needs --ssh-key FILE or the password in ${SSH_ENV.password}`);
    return { password };
  }
  const mode = statSync(keyFile, { throwIfNoEntry: false })?.mode;
  if (mode !== undefined && process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw badInput(`--ssh-key ${keyFile}: others may read it (mode ${(mode & 0o777).toString(8)}); chmod 600 it`, {
      file: keyFile,
    });
  }
  const privateKey = Buffer.from(read(keyFile).text, 'utf8');
  const parsed = utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    const hint = /passphrase|decrypt|bad/i.test(parsed.message)
      ? `; is ${SSH_ENV.passphrase} set to its passphrase?`
      : '';
    throw badInput(`--ssh-key ${keyFile}: not a usable SSH private key (${parsed.message.slice(0, 120)})${hint}`, {
      file: keyFile,
    });
  }
  return { privateKey, keyFile, ...(passphrase ? { passphrase } : {}), ...(password ? { password } : {}) };
}

/** The host keys trusted: `--known-hosts` (default ~/.ssh/known_hosts, absent means empty) and pins. */
export function hostKeyPolicy(file: string | undefined, pins: readonly string[], read: ReadText): HostKeyPolicy {
  for (const pin of pins) {
    if (!pinnedFingerprint(pin))
      throw badInput(
        `--accept-host-key ${JSON.stringify(pin.slice(0, 80))} is not a SHA256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it)`,
      );
  }
  const path = file ?? join(homedir(), '.ssh', 'known_hosts');
  const exists = statSync(path, { throwIfNoEntry: false }) !== undefined;
  const text = exists || file !== undefined ? read(path).text : '';
  return { file: path, entries: parseKnownHosts(text), pins };
}
