import assert from 'node:assert/strict';
import type { RegistryOnRestart } from '../src/ems';
import { describeExposure, type ExposureWindow, exposureWindow } from '../src/lab';
import { advanceClock } from './clock.steps';
import { given, type StepGroup, then, when } from './vocabulary';
import { EVIDENCE_MEDIA_TYPE, type TimedExchange, type ZtnaWorld } from './world';

/** At most this many probes (and a day of virtual time) before "until it is denied" gives up. */
const MAX_PROBES = 1_000;

function keptIdentity(world: ZtnaWorld, label: string) {
  const identity = world.kept.get(label);
  assert.ok(identity, `no certificate was kept as "${label}"`);
  return identity;
}

/** The window of a kept certificate, measured on this scenario's requests, attached as evidence. */
async function measure(world: ZtnaWorld, label: string): Promise<ExposureWindow> {
  const { serial } = keptIdentity(world, label).certificate;
  const lab = await world.lab();
  const revocation = lab.ems.sites.flatMap((site) => lab.ems.revocations(site.name)).find((r) => r.serial === serial);
  assert.ok(revocation, `the certificate kept as "${label}" (SN ${serial}) was never revoked on EMS`);
  const requests = world.exchanges.map((e) => ({
    at: e.at,
    serial: e.probe.identity?.certificate.serial,
    verdict: e.observation.verdict,
  }));
  const window = exposureWindow(serial, revocation.revokedAt, requests);
  const text = describeExposure(window, label);
  await world.attach(
    JSON.stringify({
      kind: 'note',
      title: 'exposure window',
      text,
      seconds: window.seconds ?? null,
      serial,
      revokedAt: new Date(window.revokedAt).toISOString(),
    }),
    EVIDENCE_MEDIA_TYPE,
  );
  assert.equal(window.reopenedAt, undefined, text);
  assert.ok(window.seconds !== undefined, text);
  return window;
}

async function skew(world: ZtnaWorld, minutes: number): Promise<undefined | 'skipped'> {
  if (world.wallClock)
    return world.notApplicable(
      `the ${world.parameters.target} target checks validity against its own clock, which the harness cannot skew`,
    );
  return world.change((lab) => lab.setClockSkew(world.gatewayName, minutes * 60_000));
}

export const faultSteps: StepGroup = {
  actor: 'Faults',
  intro:
    'EMS restarts, access-proxy clock skew, and the exposure window: how long a revoked certificate stayed usable, measured on the requests of the scenario and attached to the report as evidence. Fabric outages and delays are under the fabric link; access-proxy restarts under the access proxy.',
  steps: [
    when(
      'EMS goes down for a restart',
      'EMS stops: every fabric connector loses it (the access proxy keeps its last sync) and admin actions are refused.',
      'When EMS goes down for a restart',
      async function () {
        return this.change((lab) => lab.stopEms());
      },
    ),
    when(
      'EMS is back with its registry {registryOnRestart}',
      'EMS is back; the connectors resync. Persisted: nothing is lost. Rebuilt: the endpoint registry starts empty (roots and revocations are kept) and every registered endpoint registers again with a new certificate.',
      'When EMS is back with its registry persisted',
      async function (registry: RegistryOnRestart) {
        return this.change((lab) => lab.startEms(registry));
      },
    ),
    given(
      "the access proxy's clock is {int} minute(s) behind EMS's",
      "Skews the access proxy's clock: validity and the out-of-sync threshold are judged on it (in-process and reference proxy only).",
      "Given the access proxy's clock is 30 minutes behind EMS's",
      async function (minutes: number) {
        return skew(this, -minutes);
      },
    ),
    given(
      "the access proxy's clock is {int} minute(s) ahead of EMS's",
      "Skews the access proxy's clock forward.",
      "Given the access proxy's clock is 10 minutes ahead of EMS's",
      async function (minutes: number) {
        return skew(this, minutes);
      },
    ),
    when(
      'the certificate kept as {string} is tried on {string} every {int} second(s) until it is denied',
      'Presents the kept certificate, then again each time the interval passes, until a request is denied; the first, last allowed and denied requests are attached.',
      'When the certificate kept as "stolen" is tried on "https://intranet.example.com/" every 10 seconds until it is denied',
      async function (label: string, url: string, seconds: number) {
        const identity = keptIdentity(this, label);
        const seen: TimedExchange[] = [];
        for (let probes = 1; ; probes++) {
          if ((await this.send({ endpoint: `kept:${label}`, identity, url }, { attach: false })) === 'skipped')
            return 'skipped';
          seen.push(this.exchanges.at(-1)!);
          if (this.exchanges.at(-1)!.observation.verdict === 'deny') break;
          assert.ok(
            probes < MAX_PROBES && probes * seconds < 86_400,
            `the certificate kept as "${label}" was still allowed after ${probes} requests, ${probes * seconds} s apart`,
          );
          if ((await advanceClock(this, seconds * 1000)) === 'skipped') return 'skipped';
        }
        for (const exchange of new Set([seen[0]!, ...seen.slice(-2)])) await this.attachEvidence(exchange);
        return undefined;
      },
    ),
    then(
      'the exposure window of the certificate kept as {string} was {int} second(s)',
      'From its revocation on EMS to the first denied request presenting it; attached to the report as an "exposure window" note.',
      'Then the exposure window of the certificate kept as "stolen" was 30 seconds',
      async function (label: string, seconds: number) {
        const window = await measure(this, label);
        assert.equal(window.seconds, seconds, describeExposure(window, label));
      },
    ),
    then(
      'the exposure window of the certificate kept as {string} was at most {int} second(s)',
      'The same measurement, as an upper bound.',
      'Then the exposure window of the certificate kept as "stolen" was at most 180 seconds',
      async function (label: string, seconds: number) {
        const window = await measure(this, label);
        assert.ok(window.seconds! <= seconds, describeExposure(window, label));
      },
    ),
  ],
};
