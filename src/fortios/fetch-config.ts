/**
 * Fetches a live FortiGate's configuration over the FortiOS REST API backup endpoint,
 * `/api/v2/monitor/system/config/backup` with `scope=global` (or `scope=vdom&vdom=NAME`): a GET
 * before FortiOS 7.6, a POST from 7.6 on
 * (https://powershellgallery.com/packages/PowerFGT/0.9.0/Content/Public%5Cmonitor%5Csystem%5Cconfig%5Cbackup.ps1,
 * https://support.auvik.com/hc/en-us/articles/47903792693012-Backing-Up-Fortinet-Configurations-via-API).
 * The API administrator's key travels as `Authorization: Bearer`, never in the URL where access
 * logs would keep it. TLS verification stays on unless the caller asks for `insecure`, and the
 * result says so; every wait has a bound; the body has a size bound.
 */
import { Agent, request } from 'undici';
import { badInput, HarnessError } from '../errors';
import { compareFortiosVersions, type FortiosVersion } from '../gateway';
import { MAX_FORTIOS_CONFIG_BYTES } from './read-config';

const BACKUP_PATH = '/api/v2/monitor/system/config/backup';

export interface FetchFortigateOptions {
  /** The API administrator's token; the caller reads it from FORTIGATE_API_TOKEN. */
  readonly token: string;
  /** A VDOM's configuration (scope=vdom); without it the whole device's (scope=global). */
  readonly vdom?: string;
  /** The FortiGate's version when known: 7.6+ is asked with POST. Unknown: GET, then POST once if GET is refused with 405. */
  readonly fortiosVersion?: FortiosVersion;
  /** PEM of the CA that signed the FortiGate's HTTPS certificate (a private CA). */
  readonly ca?: string;
  /** Skip certificate verification: only when the user asked for it; the result records it. */
  readonly insecure?: boolean;
  /** Bound on the TCP and TLS connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Bound on the response, headers and body together (default 60 s: a backup is a few MB). */
  readonly responseTimeoutMs?: number;
  /** Largest configuration accepted (default the file reader's bound). */
  readonly maxBytes?: number;
}

export interface FetchedConfig {
  readonly text: string;
  /** The request URL (no token in it). */
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly bytes: number;
  /** True when TLS verification was off: every report built from this must say so. */
  readonly insecure: boolean;
}

const V7_6: FortiosVersion = { major: 7, minor: 6, patch: 0 };
const SERVER_VERIFY = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_(GET|VERIFY)/;

/** `https://HOST[:PORT]` and nothing else: a path, query or credentials in it would be a mistake or a leak. */
function baseUrlOf(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput(`${JSON.stringify(url)} is not a URL; expected https://HOST[:PORT]`);
  }
  if (parsed.protocol !== 'https:')
    throw badInput(`the FortiGate is reached over HTTPS only; ${JSON.stringify(parsed.protocol)} given`);
  if (
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash ||
    (parsed.pathname !== '/' && parsed.pathname !== '')
  ) {
    throw badInput(
      'give the FortiGate as https://HOST[:PORT] only: no path, query or credentials (the token comes from FORTIGATE_API_TOKEN)',
    );
  }
  return parsed;
}

/** The FortiGate's configuration text, or one clear bad-input error that never carries the token. */
export async function fetchFortigateConfig(url: string, options: FetchFortigateOptions): Promise<FetchedConfig> {
  if (!options.token) throw badInput("no API token: set FORTIGATE_API_TOKEN to the REST API administrator's key");
  const target = new URL(BACKUP_PATH, baseUrlOf(url));
  target.searchParams.set('scope', options.vdom ? 'vdom' : 'global');
  if (options.vdom) target.searchParams.set('vdom', options.vdom);
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const agent = new Agent({
    connect: { ca: options.ca, rejectUnauthorized: !options.insecure, timeout: connectTimeout },
  });
  try {
    const post = options.fortiosVersion !== undefined && compareFortiosVersions(options.fortiosVersion, V7_6) >= 0;
    let result = await attempt(target, post ? 'POST' : 'GET', agent, options);
    if (result === 405 && options.fortiosVersion === undefined) result = await attempt(target, 'POST', agent, options);
    if (result === 405)
      throw badInput(`the FortiGate at ${target.origin} refused the backup request with HTTP 405 (method not allowed)`);
    return result;
  } catch (error) {
    throw redacted(error, options.token, target, connectTimeout, options.responseTimeoutMs ?? 60_000);
  } finally {
    await agent.close();
  }
}

/** One request; 405 comes back as a number so the caller may retry with the other method. */
async function attempt(
  target: URL,
  method: 'GET' | 'POST',
  agent: Agent,
  options: FetchFortigateOptions,
): Promise<FetchedConfig | 405> {
  const timeout = options.responseTimeoutMs ?? 60_000;
  const body =
    method === 'POST'
      ? JSON.stringify({ scope: target.searchParams.get('scope'), ...(options.vdom ? { vdom: options.vdom } : {}) })
      : undefined;
  const response = await request(target, {
    method,
    dispatcher: agent,
    headers: {
      authorization: `Bearer ${options.token}`,
      accept: 'text/plain, application/octet-stream',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body } : {}),
    headersTimeout: timeout,
    bodyTimeout: timeout,
    signal: AbortSignal.timeout(timeout),
  });
  if (response.statusCode === 405) {
    await response.body.dump();
    return 405;
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw badInput(statusMessage(response.statusCode, target, options.vdom));
  }
  const maxBytes = options.maxBytes ?? MAX_FORTIOS_CONFIG_BYTES;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) {
      response.body.destroy();
      throw badInput(`the FortiGate at ${target.origin} sent more than ${maxBytes} bytes of configuration; refused`);
    }
    chunks.push(chunk as Buffer);
  }
  return {
    text: decodeUtf8(Buffer.concat(chunks), target),
    url: target.href,
    method,
    bytes,
    insecure: options.insecure === true,
  };
}

function decodeUtf8(bytes: Buffer, target: URL): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(
      `the FortiGate at ${target.origin} sent a configuration that is not UTF-8 text (an encrypted backup?)`,
    );
  }
}

function statusMessage(status: number, target: URL, vdom: string | undefined): string {
  const at = `the FortiGate at ${target.origin}`;
  if (status === 401)
    return `${at} refused the API token (HTTP 401): check FORTIGATE_API_TOKEN and the API administrator's trusted hosts`;
  if (status === 403)
    return `${at} does not let this API administrator back up the configuration (HTTP 403): its profile needs System read/write`;
  if (status === 404)
    return `${at} has no configuration backup at ${BACKUP_PATH}${vdom ? ` for VDOM ${JSON.stringify(vdom)}` : ''} (HTTP 404): is it a FortiGate, and is the VDOM there?`;
  return `${at} answered the backup request with HTTP ${status}`;
}

/** Turns any failure into one bad-input error whose message cannot contain the token. */
function redacted(error: unknown, token: string, target: URL, connectMs: number, responseMs: number): HarnessError {
  const scrub = (text: string) => text.split(token).join('[token]');
  if (error instanceof HarnessError) return error.message.includes(token) ? badInput(scrub(error.message)) : error;
  const name = (error as Error).name;
  // An AbortSignal timeout is a DOMException whose numeric code says nothing; its name does.
  const code =
    name === 'TimeoutError' || name === 'AbortError'
      ? name
      : String((error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? name);
  const at = `the FortiGate at ${target.origin}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return badInput(`${at} did not accept a connection within ${connectMs} ms`);
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'TimeoutError' ||
    code === 'AbortError'
  )
    return badInput(`${at} did not send its configuration within ${responseMs} ms`);
  if (code === 'ECONNREFUSED') return badInput(`${at} refused the connection (nothing listens on that port)`);
  if (SERVER_VERIFY.test(code))
    return badInput(
      `${at} presented a certificate that failed verification (${code}): give its CA with --ca, or --insecure to skip verification`,
    );
  return badInput(`the request to ${at} failed: ${scrub(`${code} ${(error as Error).message ?? ''}`)}`);
}
