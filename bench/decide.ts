import type { Gateway } from '../src/gateway';
import { type DecideFixture, decideFixture, gatewayOfSize } from './decide-fixture';
import { type Measured, median, significant } from './figures';
import { now, type Rate, rateOf } from './timing';

const ROUNDS = 7;
const ROUND_MS = 400;

/** Checks that a gateway ends every request of the mix as expected; a benchmark of wrong answers is worthless. */
function checkOutcomes(gateway: Gateway, fixture: DecideFixture): void {
  for (const { request, expect } of fixture.requests) {
    const decision = gateway.decide(request);
    if (decision.reason !== expect)
      throw new Error(
        `${gateway.name}: ${request.host} decided ${decision.reason} (${decision.detail ?? ''}), expected ${expect}`,
      );
  }
}

/**
 * In-process `Gateway.decide()` throughput with 1,000 and with 1,000,000 synced records and
 * revoked serials, over a fixed mix of requests made with real certificates (allowed, tag
 * mismatch, deny rule, offline, revoked, other site, unknown UID, stale SN, no certificate).
 * The two gateways live side by side and are measured in alternating rounds.
 */
export async function measure(): Promise<Measured[]> {
  const fixture = await decideFixture();
  const small = gatewayOfSize(fixture, 1_000);
  const built = now();
  const big = gatewayOfSize(fixture, 1_000_000);
  const buildSeconds = (now() - built) / 1000;
  checkOutcomes(small, fixture);
  checkOutcomes(big, fixture);
  const requests = fixture.requests.map((r) => r.request);
  const decideOn = (gateway: Gateway) => (i: number) => void gateway.decide(requests[i % requests.length]!);
  rateOf(300, decideOn(small));
  rateOf(300, decideOn(big));

  const rounds: { small: Rate; big: Rate }[] = [];
  for (let r = 0; r < ROUNDS; r++)
    rounds.push({ small: rateOf(ROUND_MS, decideOn(small)), big: rateOf(ROUND_MS, decideOn(big)) });
  const ratio = median(rounds.map((r) => r.big.perSecond / r.small.perSecond));
  const perSecond1m = median(rounds.map((r) => r.big.perCpuSecond));
  const details = {
    decisionsPerCpuSecond1k: significant(median(rounds.map((r) => r.small.perCpuSecond))),
    decisionsPerCpuSecond1m: significant(perSecond1m),
    decisionsPerSecond1k: significant(median(rounds.map((r) => r.small.perSecond))),
    decisionsPerSecond1m: significant(median(rounds.map((r) => r.big.perSecond))),
    requestMix: fixture.requests.map((r) => r.expect).join(' '),
    buildSeconds1m: significant(buildSeconds),
  };
  return [
    {
      name: 'decide_ratio_1m_vs_1k',
      value: significant(ratio),
      note: `median of ${ROUNDS} alternating rounds (wall clock), ${fixture.requests.length} requests with real certificates`,
      details,
      summary: `${Math.round(median(rounds.map((r) => r.small.perSecond))).toLocaleString('en-US')}/s with 1k, ${Math.round(median(rounds.map((r) => r.big.perSecond))).toLocaleString('en-US')}/s with 1M records (wall clock); per CPU second ${details.decisionsPerCpuSecond1m.toLocaleString('en-US')} with 1M, over ${fixture.requests.length} certificates (a fleet's distinct certificates: decide_per_s_fleet)`,
      ifMissed: 'decide() cost grows with the synced state: lookups are not O(1) or the larger heap slows them',
    },
  ];
}
