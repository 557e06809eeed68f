import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type AccessRequest, type Decision, decisionOf } from '../gateway';
import { type Certificate, parseCertificate } from '../pki';
import { boundRequests } from './request-timeouts';

/** Response headers that carry the decision to a client (the wire target reads them). */
export const DECISION_HEADERS = {
  reason: 'x-ztna-reason',
  fortiosCode: 'x-ztna-fortios-code',
  detail: 'x-ztna-detail',
  rule: 'x-ztna-rule',
  apiGateway: 'x-ztna-api-gateway',
} as const;

export interface ReferenceProxyOptions {
  /** The gateway's decide(), looked up per request so that a lab swap needs no restart. */
  readonly decide: (request: AccessRequest) => Decision;
  readonly cert: string;
  readonly key: string;
  readonly host?: string;
  readonly port?: number;
  /** Where allowed requests go; without one, allowed requests get the decision as JSON. */
  readonly upstream?: string;
  /**
   * Whether a lab user's HTTP basic credentials are right. Without it no request carries a user,
   * so a rule that names users or groups answers AUTH_REQUIRED.
   */
  readonly authenticate?: (user: string, password: string) => boolean;
}

/** The realm of the challenge a 401 carries. */
export const AUTH_REALM = 'ztna-harness';

/** The user of `Authorization: Basic base64(user:password)` when `authenticate` accepts it; else none. */
export function basicUser(
  header: string | undefined,
  authenticate: ReferenceProxyOptions['authenticate'],
): string | undefined {
  const match = header === undefined || !authenticate ? null : /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match) return undefined;
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const user = text.slice(0, colon);
  return authenticate!(user, text.slice(colon + 1)) ? user : undefined;
}

/** The client's address as the socket has it, an IPv4-mapped IPv6 address as its IPv4 one. */
const sourceOf = (socket: TLSSocket): string | undefined => socket.remoteAddress?.replace(/^::ffff:/, '');

/** The port the client's URL named (the Host header's), if it named one: it picks the ZTNA server. */
function portOf(host: string | undefined): number | undefined {
  const match = host === undefined ? null : /:(\d{1,5})$/.exec(host);
  return match ? Number(match[1]) : undefined;
}

/** A running reference access proxy. */
export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const peerCertificates = new WeakMap<TLSSocket, Certificate | null>();

/** Parsed client certificates by SHA-256 fingerprint: clients reconnect with the same one. */
const parsed = new Map<string, Certificate>();
const MAX_PARSED = 4096;

/**
 * The client certificate of a TLS connection, parsed once per certificate: getPeerX509Certificate
 * wraps the X509 OpenSSL decoded in the handshake, while parsing its DER again (another OpenSSL 3
 * decode, forge's ASN.1, PEM) costs ~0.5 ms a connection.
 */
function clientCertificate(socket: TLSSocket): Certificate | undefined {
  if (!peerCertificates.has(socket)) {
    const peer = socket.getPeerX509Certificate?.();
    let certificate: Certificate | null = null;
    if (peer) {
      certificate = parsed.get(peer.fingerprint256) ?? null;
      if (!certificate) {
        certificate = parseCertificate(peer.raw);
        if (parsed.size >= MAX_PARSED) parsed.clear();
        parsed.set(peer.fingerprint256, certificate);
      }
    }
    peerCertificates.set(socket, certificate);
  }
  return peerCertificates.get(socket) ?? undefined;
}

function answer(decision: Decision, req: IncomingMessage, res: ServerResponse, upstream: string | undefined): void {
  const headers: Record<string, string> = { [DECISION_HEADERS.reason]: decision.reason };
  if (decision.fortiosCode) headers[DECISION_HEADERS.fortiosCode] = decision.fortiosCode;
  if (decision.detail) headers[DECISION_HEADERS.detail] = decision.detail;
  if (decision.evidence.rule) headers[DECISION_HEADERS.rule] = decision.evidence.rule;
  if (decision.evidence.apiGateway !== undefined)
    headers[DECISION_HEADERS.apiGateway] = String(decision.evidence.apiGateway);
  if (decision.verdict === 'allow' && upstream) {
    forward(req, res, upstream, headers);
    return;
  }
  const body = JSON.stringify({
    verdict: decision.verdict,
    reason: decision.reason,
    fortiosCode: decision.fortiosCode ?? null,
    detail: decision.detail ?? null,
    rule: decision.evidence.rule ?? null,
  });
  headers['content-type'] = 'application/json';
  headers['cache-control'] = 'no-store';
  // With the length known, Node sends head and body in one write; chunked framing (what Node
  // falls back to) adds three buffers and a writev to every answer.
  headers['content-length'] = String(Buffer.byteLength(body));
  if (decision.httpStatus === 401) headers['www-authenticate'] = `Basic realm="${AUTH_REALM}"`;
  res.writeHead(decision.httpStatus, headers);
  res.end(body);
}

function forward(req: IncomingMessage, res: ServerResponse, upstream: string, headers: Record<string, string>): void {
  const target = new URL(req.url ?? '/', upstream);
  // The lab user's credentials stop here: the application behind the proxy never sees the password.
  const { authorization: _credentials, ...passed } = req.headers;
  const out = httpRequest(target, { method: req.method, headers: { ...passed, host: target.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, { ...up.headers, ...headers });
    up.pipe(res);
  });
  out.on('error', () => {
    res.writeHead(502, headers);
    res.end();
  });
  req.pipe(out);
}

/**
 * The reference access proxy: real TLS around gateway.decide(). It asks every client for a
 * certificate but never lets TLS reject one, so that each outcome is a decision with a reason
 * (403 with X-ZTNA-Reason and a JSON body on deny), as FortiGate answers with its block page.
 */
export async function startReferenceProxy(options: ReferenceProxyOptions): Promise<RunningProxy> {
  const server = createServer(
    { cert: options.cert, key: options.key, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const host = (req.headers.host ?? (socket.servername || '')).replace(/:\d+$/, '');
      let decision: Decision;
      try {
        const user = basicUser(req.headers.authorization, options.authenticate);
        const port = portOf(req.headers.host);
        const sourceAddress = sourceOf(socket);
        decision = options.decide({
          certificate: clientCertificate(socket),
          host,
          path: req.url ?? '/',
          userAgent: req.headers['user-agent'],
          ...(port === undefined ? {} : { port }),
          ...(sourceAddress === undefined ? {} : { sourceAddress }),
          ...(user === undefined ? {} : { user }),
        });
      } catch (error) {
        // A certificate TLS accepted but the harness refuses to read (unreadable validity, a bad
        // serial…) is an invalid certificate: deny it, never pass it on.
        decision = decisionOf(
          'CERT_INVALID',
          { gateway: 'reference-proxy', at: new Date().toISOString() },
          `unreadable-certificate: ${(error as Error).message}`,
        );
      }
      answer(decision, req, res, options.upstream);
    },
  );
  server.keepAliveTimeout = 5_000;
  boundRequests(server); // a slow partial request must not hold a connection forever
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
