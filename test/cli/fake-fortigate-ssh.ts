/**
 * FAKE: a FortiGate's SSH CLI, as far as `ztna-harness audit --gateway ssh://…` uses it.
 *
 * No FortiGate runs here, so the tests start this ssh2 Server on a free loopback port. It does
 * real SSH (key exchange, host key, public-key and password authentication) and answers exec
 * requests the way FortiOS's CLI does, with the outputs Fortinet publishes (the verbatim FortiOS
 * 7.4 admin guide samples in test/fixtures/audit): `get system status`, `diagnose endpoint
 * record list` (refused from 7.4.2, where `diagnose endpoint ec-shm list` replaces it),
 * `diagnose test application fcnacd 7`, and `config vdom` / `edit NAME` / … / `end` sent as
 * the lines of one exec. What it does not fake: paging, an interactive shell, admin profiles.
 */
import { generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ParsedKey, Server, utils } from 'ssh2';

const FIXTURES = join(__dirname, '..', 'fixtures', 'audit');
/** A published sample without its first line, the prompt the documentation shows. */
const sample = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8').replace(/^#.*\n/, '');

/** An RSA key pair in PEM (PKCS#1), which both ssh2 and OpenSSH read. */
export function rsaKey(passphrase?: string): { readonly privatePem: string; readonly parsed: ParsedKey } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem', ...(passphrase ? { cipher: 'aes-256-cbc', passphrase } : {}) },
  });
  const parsed = utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) throw parsed;
  return { privatePem: privateKey, parsed };
}

/** How the fake device behaves. */
export interface FakeFortigateOptions {
  readonly hostKey: string;
  readonly version: string;
  readonly hostname?: string;
  readonly user: string;
  readonly authorizedKey?: ParsedKey;
  readonly password?: string;
  readonly vdoms?: readonly string[];
  /** A command that never answers. */
  readonly hangOn?: string;
  /** Counts the sessions open across several fakes, to see a client's bound on them. */
  readonly meter?: { open: number; peak: number };
}

/** A running fake: its port, what it was asked, and the most sessions it held at once. */
export interface FakeFortigate {
  readonly port: number;
  readonly execs: string[];
  readonly peak: () => number;
  close(): Promise<void>;
}

function statusText(options: FakeFortigateOptions): string {
  return [
    `Version: FortiGate-VM64 v${options.version},build2463,230830 (GA.F)`,
    'Serial-Number: FGVM02TM22013111',
    `Hostname: ${options.hostname ?? 'FGT-LAB'}`,
    'Operation Mode: NAT',
    `Virtual domain configuration: ${options.vdoms ? 'multiple' : 'disable'}`,
    '',
  ].join('\n');
}

const atLeast742 = (version: string): boolean => {
  const [major, minor, patch] = version.split('.').map(Number);
  return major !== 7 ? major > 7 : minor !== 4 ? minor > 4 : patch >= 2;
};

/** FortiOS's answer to one command line, or undefined for a command that never returns. */
function answer(options: FakeFortigateOptions, command: string): string | undefined {
  if (command === options.hangOn) return undefined;
  if (command === 'get system status') return statusText(options);
  if (command === 'diagnose endpoint record list')
    return atLeast742(options.version)
      ? 'Unknown action 0\nCommand fail. Return code -1\n'
      : sample('endpoint-record-list.txt');
  if (command === 'diagnose endpoint ec-shm list')
    return atLeast742(options.version)
      ? sample('ec-shm-list.txt').replace(/^.*#.*\n/, '')
      : 'Unknown action 0\nCommand fail. Return code -1\n';
  if (command === 'diagnose test application fcnacd 7') return sample('fcnacd-7.txt');
  return 'Unknown action 0\nCommand fail. Return code -1\n';
}

/** Runs the lines of one exec: `config vdom` / `edit NAME` enter a VDOM, `end` leaves it. */
function script(options: FakeFortigateOptions, exec: string): string | undefined {
  let out = '';
  for (const line of exec.split('\n')) {
    if (line === 'config vdom' || line === 'end') continue;
    const edit = /^edit (\S+)$/.exec(line);
    if (edit) {
      const index = options.vdoms?.indexOf(edit[1]) ?? -1;
      if (index < 0) return `${out}entry not found in datasource\nCommand fail. Return code -3\n`;
      out += `current vf=${edit[1]}:${index}\n`;
      continue;
    }
    const reply = answer(options, line);
    if (reply === undefined) return undefined;
    out += reply;
  }
  return out;
}

const same = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeFortigate(options: FakeFortigateOptions): Promise<FakeFortigate> {
  const execs: string[] = [];
  let open = 0;
  let peak = 0;
  const server = new Server({ hostKeys: [options.hostKey] }, (client) => {
    open += 1;
    peak = Math.max(peak, open);
    const meter = options.meter;
    if (meter) meter.peak = Math.max(meter.peak, ++meter.open);
    client.on('close', () => {
      open -= 1;
      if (meter) meter.open -= 1;
    });
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.username !== options.user) return ctx.reject(['publickey', 'password']);
      if (
        ctx.method === 'password' &&
        options.password !== undefined &&
        same(Buffer.from(ctx.password), Buffer.from(options.password))
      )
        return ctx.accept();
      if (
        ctx.method === 'publickey' &&
        options.authorizedKey &&
        ctx.key.algo === options.authorizedKey.type &&
        same(ctx.key.data, options.authorizedKey.getPublicSSH())
      ) {
        if (!ctx.signature) return ctx.accept(); // the client asks whether the key would do
        if (options.authorizedKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      }
      ctx.reject(['publickey', 'password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().on('exec', (acceptExec, _reject, info) => {
          const channel = acceptExec();
          execs.push(info.command);
          const out = script(options, info.command);
          if (out === undefined) return; // never answers, never closes
          channel.write(out);
          channel.exit(0);
          channel.end();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    execs,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // ssh2's Server tracks no clients; closing the listener is enough once tests end theirs
      }),
  };
}
