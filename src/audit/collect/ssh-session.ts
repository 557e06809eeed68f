import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { collectionError } from './collection-error';
import { fingerprintOf, keyTypeOf } from './host-key';
import { type KnownHostLine, verifyHostKey } from './known-hosts';
import type { SshTarget } from './ssh-url';

/** How the client proves who it is; the values come from the environment and a key file, never a flag. */
export interface SshAuth {
  readonly privateKey?: Buffer;
  readonly passphrase?: string;
  readonly password?: string;
  /** Named in messages instead of the key. */
  readonly keyFile?: string;
}

/** Which host keys are trusted: a known_hosts file, and fingerprints pinned on the command line. */
export interface HostKeyPolicy {
  readonly file: string;
  readonly entries: readonly KnownHostLine[];
  readonly pins: readonly string[];
}

/** Time limits in milliseconds, and the most output one command may print. */
export interface SshLimits {
  readonly connectMs: number;
  readonly authMs: number;
  readonly commandMs: number;
  readonly maxOutputBytes: number;
}

/** An authenticated session: runs one command at a time over its own exec channel. */
export interface SshSession {
  readonly hostKey: { readonly fingerprint: string; readonly how: 'known_hosts' | 'pinned' };
  run(command: string): Promise<string>;
}

/** Checks the offered host key; returns the refusal message, or how it was trusted. */
function judgeHostKey(
  target: SshTarget,
  policy: HostKeyPolicy,
  key: Buffer,
): { trusted?: 'known_hosts' | 'pinned'; refusal?: string } {
  const fingerprint = fingerprintOf(key);
  if (policy.pins.includes(fingerprint)) return { trusted: 'pinned' };
  const verdict = verifyHostKey(policy.entries, target.host, target.port, key);
  const offered = `${keyTypeOf(key)} ${fingerprint}`;
  const pin = `pin it with --accept-host-key ${fingerprint} once you have checked it against the device out of band`;
  switch (verdict.status) {
    case 'known':
      return { trusted: 'known_hosts' };
    case 'unknown':
      return { refusal: `${target.label}: host key ${offered} is not in ${policy.file}; add it there or ${pin}` };
    case 'changed':
      return {
        refusal: `${target.label}: host key CHANGED: ${policy.file}:${verdict.line} holds another ${verdict.keyType} key for it, the device offers ${offered}; if the device was re-keyed, update ${policy.file} or ${pin}`,
      };
    case 'revoked':
      return { refusal: `${target.label}: host key ${offered} is marked @revoked in ${policy.file}:${verdict.line}` };
  }
}

/** Opens an SSH session within the connect and authentication limits, verifying the host key first. */
export function openSession(
  target: SshTarget,
  auth: SshAuth,
  policy: HostKeyPolicy,
  limits: SshLimits,
): Promise<{ session: SshSession; close: () => Promise<void> }> {
  const client = new Client();
  let closed = false;
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    let hostKey: SshSession['hostKey'] | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      clearTimeout(timer);
      client.destroy();
      reject(failure);
    };
    let timer = setTimeout(
      () => fail(collectionError('connect', `${target.label}: no SSH handshake within ${limits.connectMs / 1000} s`)),
      limits.connectMs,
    );
    client.on('handshake', () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          fail(
            collectionError('auth', `${target.label}: authentication did not finish within ${limits.authMs / 1000} s`),
          ),
        limits.authMs,
      );
    });
    client.on('ready', () => {
      clearTimeout(timer);
      resolve({
        session: { hostKey: hostKey!, run: (command) => runCommand(client, target, command, limits) },
        close: () => (closed ? Promise.resolve() : closeClient(client, limits.connectMs)),
      });
    });
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
      finish(prompts.map(() => auth.password ?? '')),
    );
    client.on('error', (error: Error & { level?: string }) => {
      if (error.level === 'client-authentication') fail(collectionError('auth', authRefused(target, auth)));
      else fail(collectionError('connect', `${target.label}: ${error.message.replace(/\s+/g, ' ').slice(0, 200)}`));
    });
    client.on('close', () => {
      closed = true;
      fail(collectionError('connect', `${target.label}: the connection closed before the session was ready`));
    });
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: limits.connectMs + limits.authMs + 1000, // our own timers fire first, with clearer messages
      hostVerifier: (key: Buffer) => {
        const judged = judgeHostKey(target, policy, key);
        if (judged.refusal) failure ??= collectionError('host-key', judged.refusal);
        else hostKey = { fingerprint: fingerprintOf(key), how: judged.trusted! };
        return judged.refusal === undefined;
      },
      ...(auth.privateKey
        ? { privateKey: auth.privateKey, ...(auth.passphrase ? { passphrase: auth.passphrase } : {}) }
        : {}),
      ...(auth.password !== undefined ? { password: auth.password, tryKeyboard: true } : {}),
    };
    try {
      client.connect(config);
    } catch (error) {
      fail(
        collectionError(
          'auth',
          `${target.label}: the SSH key cannot be used (${(error as Error).message.slice(0, 120)})`,
        ),
      );
    }
  });
}

/**
 * Ends the session and waits until its socket is closed (or the connect limit passes), so that a
 * pool of N workers never holds more than N sockets, closing ones included.
 */
function closeClient(client: Client, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.destroy();
      resolve();
    }, limitMs);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.end();
  });
}

function authRefused(target: SshTarget, auth: SshAuth): string {
  const tried = [
    auth.privateKey ? `the key ${auth.keyFile ?? ''}`.trim() : '',
    auth.password !== undefined ? 'the password from FORTIGATE_SSH_PASSWORD' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `${target.label}: authentication refused for ${target.user} with ${tried || 'no credentials'}`;
}

/** Runs one command; its output is stdout and stderr as the CLI printed them. */
function runCommand(client: Client, target: SshTarget, command: string, limits: SshLimits): Promise<string> {
  const shown = command
    .split('\n')
    .filter((line) => !/^(config vdom|edit \S+|end)$/.test(line))
    .join('; ');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let channel: ClientChannel | undefined;
    const stop = (error: Error) => {
      clearTimeout(timer);
      client.off('close', closed);
      channel?.destroy();
      client.destroy();
      reject(error);
    };
    const closed = () => stop(collectionError('connect', `${target.label}: the connection closed during "${shown}"`));
    client.once('close', closed);
    const timer = setTimeout(
      () =>
        stop(
          collectionError(
            'command-timeout',
            `${target.label}: "${shown}" did not finish within ${limits.commandMs / 1000} s`,
          ),
        ),
      limits.commandMs,
    );
    client.exec(command, (error, stream) => {
      if (error)
        return stop(
          collectionError('command-refused', `${target.label}: "${shown}" could not start: ${error.message}`),
        );
      channel = stream;
      const take = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxOutputBytes)
          return stop(
            collectionError(
              'output-too-large',
              `${target.label}: "${shown}" printed more than ${limits.maxOutputBytes} bytes`,
            ),
          );
        chunks.push(chunk);
      };
      stream.on('data', take);
      stream.stderr.on('data', take);
      stream.on('close', () => {
        clearTimeout(timer);
        client.off('close', closed);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
  });
}
