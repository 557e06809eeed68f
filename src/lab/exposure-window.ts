/** One request that presented a certificate, as a scenario observed it. */
export interface ObservedRequest {
  /** The lab's (EMS's) virtual time of the request. */
  readonly at: number;
  readonly serial: string | undefined;
  readonly verdict: 'allow' | 'deny';
}

/**
 * How long a revoked certificate stayed usable, measured on the requests that presented it after
 * EMS revoked it: from the revocation to the first denial. The resolution is the time between
 * the last allowed request and the first denied one (how closely the scenario probed).
 */
export interface ExposureWindow {
  readonly serial: string;
  readonly revokedAt: number;
  /** Requests with the certificate at or after the revocation. */
  readonly probes: number;
  readonly lastAllowedAt?: number;
  readonly firstDeniedAt?: number;
  /** Whole seconds from the revocation to the first denial; undefined while it was never denied. */
  readonly seconds?: number;
  readonly resolutionSeconds?: number;
  /** A request allowed again after the first denial: the window opened a second time. */
  readonly reopenedAt?: number;
}

/** Measures the exposure window of `serial`, revoked at `revokedAt`, from the requests of a scenario. */
export function exposureWindow(
  serial: string,
  revokedAt: number,
  requests: readonly ObservedRequest[],
): ExposureWindow {
  const after = requests.filter((r) => r.serial === serial && r.at >= revokedAt);
  const firstDenied = after.findIndex((r) => r.verdict === 'deny');
  const usable = firstDenied < 0 ? after : after.slice(0, firstDenied);
  const lastAllowedAt = usable.at(-1)?.at;
  const firstDeniedAt = firstDenied < 0 ? undefined : after[firstDenied]!.at;
  const reopenedAt = firstDenied < 0 ? undefined : after.slice(firstDenied).find((r) => r.verdict === 'allow')?.at;
  const seconds = (ms: number) => Math.round(ms / 1000);
  return {
    serial,
    revokedAt,
    probes: after.length,
    ...(lastAllowedAt === undefined ? {} : { lastAllowedAt }),
    ...(firstDeniedAt === undefined
      ? {}
      : {
          firstDeniedAt,
          seconds: seconds(firstDeniedAt - revokedAt),
          resolutionSeconds: seconds(firstDeniedAt - (lastAllowedAt ?? revokedAt)),
        }),
    ...(reopenedAt === undefined ? {} : { reopenedAt }),
  };
}

/** One sentence for the report: when it was revoked, last usable, first refused. */
export function describeExposure(window: ExposureWindow, label: string): string {
  const at = (ms: number) => `${new Date(ms).toISOString()} (+${Math.round((ms - window.revokedAt) / 1000)} s)`;
  const parts = [
    `The certificate kept as "${label}" (SN ${window.serial}) was revoked on EMS at ${new Date(window.revokedAt).toISOString()}.`,
  ];
  parts.push(
    window.lastAllowedAt === undefined
      ? 'No request presenting it was allowed after that.'
      : `It was last allowed at ${at(window.lastAllowedAt)}.`,
  );
  if (window.firstDeniedAt === undefined)
    parts.push(`It was never denied in ${window.probes} request(s): the window is still open.`);
  else
    parts.push(
      `It was first denied at ${at(window.firstDeniedAt)}: usable for ${window.seconds} s after its revocation (probed to within ${window.resolutionSeconds} s, ${window.probes} request(s)).`,
    );
  if (window.reopenedAt !== undefined) parts.push(`It was allowed again at ${at(window.reopenedAt)}.`);
  return parts.join(' ');
}
