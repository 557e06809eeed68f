import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../errors';
import { validTagNames } from '../export/tag-names';
import {
  type ActionSubject,
  LAB_ACTIONS,
  type Lab,
  type LabAction,
  type LabActionArguments,
  labActionNamed,
} from '../lab';
import { boundRequests, REQUEST_TIMEOUTS, type RequestTimeouts, TIMEOUT_CHECK_MS } from './request-timeouts';

const text = (body: Record<string, unknown>, key: string): string => {
  const value = body[key];
  if (typeof value !== 'string' || value === '')
    throw new HarnessError('BAD_INPUT', `the body needs "${key}" (a string)`);
  return value;
};

/** The most one advance-seconds call moves the clock: ten years, far past any certificate's life. */
const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;

const seconds = (body: Record<string, unknown>): number => {
  const value = body.seconds;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_ADVANCE_SECONDS) {
    throw new HarnessError(
      'BAD_INPUT',
      `the body needs "seconds": a number from 0 to ${MAX_ADVANCE_SECONDS}, not ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
};

/** An action's arguments from a JSON body, as the action's row in `LAB_ACTIONS` says. */
export function adminArguments(action: LabAction, body: Record<string, unknown>): LabActionArguments {
  const tags = action.withTags ? { tags: validTagNames(Array.isArray(body.tags) ? body.tags : []) } : {};
  switch (action.subject) {
    case 'endpoint':
      return { endpoint: text(body, 'endpoint'), ...tags };
    case 'site':
      return { site: text(body, 'site') };
    // No gateway: the lab's only (or first) one.
    case 'gateway':
      return { gateway: typeof body.gateway === 'string' ? body.gateway : undefined };
    case 'seconds':
      return { seconds: seconds(body) };
  }
}

/** The JSON body each action takes, for the 404 answer and `serve --help`. */
export function adminActionUsage(): string[] {
  const body: Record<ActionSubject, string> = {
    endpoint: '{"endpoint": NAME}',
    site: '{"site": NAME}',
    gateway: '{"gateway": NAME}',
    seconds: '{"seconds": N}',
  };
  return Object.entries(LAB_ACTIONS).map(([name, a]: [string, LabAction]) => {
    const shown = a.withTags ? body[a.subject].replace('}', ', "tags": [..]}') : body[a.subject];
    return `POST /admin/${name} ${shown}${a.aliases ? ` (formerly ${a.aliases.join(', ')})` : ''}`;
  });
}

export interface AdminApiOptions {
  readonly lab: Lab;
  readonly port?: number;
  /** The bearer token; a random one when absent. */
  readonly token?: string;
  /** Called after every successful action (e.g. re-export and reload a real proxy). */
  readonly afterChange?: () => Promise<void>;
  /** How long a client may take to send a request (tests shorten it). */
  readonly timeouts?: RequestTimeouts;
}

/** The shortest admin token accepted: shorter ones can be guessed. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Refuses an admin token that is empty or short: `ZTNA_HARNESS_ADMIN_TOKEN=` (set but empty)
 * would otherwise accept a request with no token at all.
 */
export function assertAdminToken(token: string | undefined, source = 'the admin token'): void {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new HarnessError(
      'BAD_INPUT',
      `${source} has ${token.length} characters; at least ${MIN_TOKEN_LENGTH} are needed (leave it unset for a random one)`,
    );
  }
}

export interface RunningAdminApi {
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 65_536) throw new HarnessError('BAD_INPUT', 'the body is larger than 64 KiB');
  }
  try {
    const parsed = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed;
  } catch {
    throw new HarnessError('BAD_INPUT', 'the body is not a JSON object');
  }
}

/**
 * The reference proxy's admin interface: `POST /admin/<action>` with a JSON body, `GET
 * /admin/status`. Loopback only, and every call needs `Authorization: Bearer <token>` (401
 * otherwise), because whoever drives it can revoke and re-key the lab.
 */
export async function startAdminApi(options: AdminApiOptions): Promise<RunningAdminApi> {
  assertAdminToken(options.token);
  const token = options.token ?? randomBytes(24).toString('hex');
  const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_MS }, async (req, res) => {
    if (!authorized(req, token)) return reply(res, 401, { error: 'missing or wrong bearer token' });
    const name = /^\/admin\/([a-z-]+)$/.exec(req.url ?? '')?.[1] ?? '';
    try {
      if (req.method === 'GET' && name === 'status') return reply(res, 200, status(options.lab));
      const found = labActionNamed(name);
      if (req.method !== 'POST' || !found)
        return reply(res, 404, { error: `no such action; POST one of: ${Object.keys(LAB_ACTIONS).join(', ')}` });
      await found.action.run(options.lab, adminArguments(found.action, await readJson(req)));
      await options.afterChange?.();
      // An old name still works; the answer says the current one so a client can move to it.
      const renamed = found.name === name ? {} : { renamed: `"${name}" is now "${found.name}"` };
      return reply(res, 200, { ok: true, action: found.name, ...renamed });
    } catch (error) {
      const known = error instanceof HarnessError;
      return reply(res, known ? 400 : 500, { error: known ? error.message : 'internal error' });
    }
  });
  boundRequests(server, options.timeouts ?? REQUEST_TIMEOUTS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, token, server, close: () => new Promise((r) => server.close(() => r())) };
}

function status(lab: Lab) {
  return {
    time: new Date(lab.clock.now()).toISOString(),
    endpoints: lab.endpoints.map((e) => ({
      name: e.profile.name,
      uid: e.uid,
      serial: e.identity?.certificate.serial ?? null,
    })),
    gateways: lab.gateways.map((g) => ({ name: g.name, link: lab.link(g.name).status.state, records: g.records.size })),
  };
}
