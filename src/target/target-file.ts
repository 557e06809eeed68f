import { dirname, resolve } from 'node:path';
import forge from 'node-forge';
import { badInput } from '../errors';
import type { Identity } from '../forticlient';
import { KINDS, loadYamlFile, MAX_BYTES, readRegularFile, type LocatedDocument as YamlSource } from '../input';
import { packageFile } from '../package-root';
import { keyPairFromPem, parseCertificate } from '../pki';
import type { ResponseReading } from './response-reading';

/** A client identity the user brings, labelled with what it should get. */
export interface StaticIdentity {
  readonly endpoint: string;
  readonly state: 'registered' | 'revoked' | 'other-site' | 'none';
  readonly identity?: Identity;
}

/** A target file, read, validated and with its files loaded. */
export interface TargetFile {
  readonly file: string;
  readonly name: string;
  readonly url: string;
  readonly serverCa?: string;
  readonly serverName?: string;
  readonly insecure: boolean;
  readonly timeoutMs: number;
  readonly reading: ResponseReading;
  readonly identities: 'provisioned' | 'static';
  readonly provisioned?: {
    readonly exportDir: string;
    readonly reload: string;
    readonly gateway?: string;
    readonly port?: number;
  };
  readonly statics: readonly StaticIdentity[];
}

// biome-ignore lint/suspicious/noExplicitAny: the schema check has already fixed the shape
type Y = Record<string, any>;

const TARGET_SCHEMA = packageFile('schemas', 'target.schema.json');

/**
 * Reads a target file; problems are bad input with file:line:column. Every path in it
 * (server-ca, cert, key, pkcs12, provisioned.export-dir) is relative to the target file's folder,
 * so a target file and its certificates move together; the reload command runs there too.
 */
export function loadTargetFile(file: string, env: NodeJS.ProcessEnv = process.env): TargetFile {
  const source = loadYamlFile<Y>(file, KINDS.target, TARGET_SCHEMA);
  const y = source.value;
  const near = (path: string) => resolve(dirname(file), path);
  // PEM files: only regular files, bounded (a FIFO would block, /dev/zero never end).
  const read = (path: string, at: (string | number)[]) =>
    readRegularFile(near(path), { what: String(at.at(-1)), maxBytes: MAX_BYTES.pki }, source.locate(at), path).toString(
      'utf8',
    );
  const pattern = y.response?.['body-code-pattern'];
  if (pattern !== undefined) compilePattern(pattern, source.locate(['response', 'body-code-pattern']));
  if (y.identities === 'provisioned' && !y.provisioned)
    throw badInput(
      'identities: provisioned needs a provisioned: section (export-dir, reload)',
      source.locate(['identities']),
    );
  return {
    file,
    name: y.name,
    url: y.url,
    serverCa: y['server-ca'] === undefined ? undefined : read(y['server-ca'], ['server-ca']),
    serverName: y['server-name'],
    insecure: y.insecure === true,
    timeoutMs: (y['timeout-seconds'] ?? 5) * 1000,
    reading: {
      allowStatus: y.response?.['allow-status'],
      reasonHeader: y.response?.['reason-header'],
      codeHeader: y.response?.['code-header'],
      bodyCodePattern: y.response?.['body-code-pattern'],
    },
    identities: y.identities,
    provisioned: y.provisioned && {
      exportDir: near(y.provisioned['export-dir']),
      reload: y.provisioned.reload,
      gateway: y.provisioned.gateway,
      port: y.provisioned.port,
    },
    statics: (y.static ?? []).map((s: Y, i: number) => staticIdentity(s, i, source, read, env)),
  };
}

function staticIdentity(
  s: Y,
  i: number,
  source: YamlSource<Y>,
  read: (path: string, at: (string | number)[]) => string,
  env: NodeJS.ProcessEnv,
): StaticIdentity {
  const at = (key: string) => source.locate(['static', i, key]);
  if (s.state === 'none') return { endpoint: s.endpoint, state: 'none' };
  if (s.pkcs12) {
    const variable = s['passphrase-env'];
    if (!variable)
      throw badInput(
        'a PKCS#12 identity needs passphrase-env: the name of the variable holding its passphrase',
        at('pkcs12'),
      );
    const der = readRegularFile(
      resolve(dirname(source.file), s.pkcs12),
      { what: 'pkcs12', maxBytes: MAX_BYTES.pki },
      at('pkcs12'),
      s.pkcs12,
    );
    const passphrase = env[variable];
    if (passphrase === undefined)
      throw badInput(
        `the environment variable ${variable} (the passphrase of ${s.pkcs12}) is not set`,
        at('passphrase-env'),
      );
    return { endpoint: s.endpoint, state: s.state, identity: fromPkcs12(der, passphrase, s.pkcs12, at('pkcs12')) };
  }
  if (!s.cert || !s.key)
    throw badInput(`identity "${s.endpoint}" needs cert and key (PEM) or pkcs12`, source.locate(['static', i]));
  try {
    return {
      endpoint: s.endpoint,
      state: s.state,
      identity: {
        certificate: parseCertificate(read(s.cert, ['static', i, 'cert'])),
        key: keyPairFromPem(read(s.key, ['static', i, 'key'])),
      },
    };
  } catch (cause) {
    throw badInput(`identity "${s.endpoint}": ${(cause as Error).message}`, source.locate(['static', i]), cause);
  }
}

/** Opens a PKCS#12 file (forge, once per run: not a hot path). */
function fromPkcs12(
  der: Buffer,
  passphrase: string,
  name: string,
  location: ReturnType<YamlSource<Y>['locate']>,
): Identity {
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), passphrase);
    const cert = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]?.[0]?.cert;
    const key = (
      p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
      p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0]
    )?.key;
    if (!cert || !key) throw new Error('it holds no certificate with a private key');
    return {
      certificate: parseCertificate(forge.pki.certificateToPem(cert)),
      key: keyPairFromPem(forge.pki.privateKeyToPem(key)),
    };
  } catch (cause) {
    const wrong = /MAC|password|Invalid/i.test((cause as Error).message);
    throw badInput(
      wrong
        ? `cannot open ${name}: wrong passphrase or damaged file`
        : `cannot open ${name}: ${(cause as Error).message}`,
      location,
      cause,
    );
  }
}

/** The body-code-pattern as a RegExp; one that does not compile is bad input at its key. */
function compilePattern(pattern: string, location: ReturnType<YamlSource<Y>['locate']>): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (cause) {
    throw badInput(
      `response.body-code-pattern is not a valid regular expression: ${(cause as Error).message.replace(/^Invalid regular expression: /, '')}`,
      location,
      cause,
    );
  }
  // The number of groups, counted on a pattern that always matches the empty string.
  const groups = new RegExp(`${pattern}|`).exec('')!.length - 1;
  if (groups < 1)
    throw badInput('response.body-code-pattern needs a group, (...), around the 3-digit FortiOS code', location);
  return regex;
}
