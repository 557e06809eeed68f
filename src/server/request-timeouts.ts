import type { Server } from 'node:http';

/**
 * How long a client may take to send a request's headers, and the whole request. Without these
 * a client sending one byte at a time holds a connection (and its memory) forever; both
 * listeners of `serve` — the proxy and the admin interface — set them.
 */
export interface RequestTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
}

export const REQUEST_TIMEOUTS: RequestTimeouts = { headersMs: 10_000, requestMs: 30_000 };

/** How often Node looks for connections past their timeouts (its default, 30 s, would let a slow client stay 40 s). */
export const TIMEOUT_CHECK_MS = 1_000;

/** Applies `timeouts` to `server` (an http or https server); returns it. */
export function boundRequests<S extends Server>(server: S, timeouts: RequestTimeouts = REQUEST_TIMEOUTS): S {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  return server;
}
