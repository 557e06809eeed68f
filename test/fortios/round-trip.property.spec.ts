/**
 * import(export(lab)) decides as the lab does: for random lab gateways, the FortiOS configuration
 * `export --format fortios` writes (labGatewayModel → writeFortiosConfig), read back as `import`
 * and `fortios-config:` read it (parseFortiosConfig → mapFortiosConfig), gives a gateway that
 * decides every random request exactly as the lab's own gateway — with and without a client
 * certificate, for random hosts, paths, ports, client addresses, users and EMS tags. The gateway
 * read back has no lab users: the export must carry them as local users in their groups.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { labGatewayModel, mapFortiosConfig, parseFortiosConfig, writeFortiosConfig } from '../../src/fortios';
import type { Decision, EmsConnector, Gateway } from '../../src/gateway';
import { type ProbeBench, probeBench } from '../fixtures/fortios/probe-bench';
import { probesFor, type RandomLab, type RandomProbe, randomLab } from '../fixtures/fortios/random-lab';

const RUNS = 1000;
const CONNECTOR: EmsConnector = {
  emsId: 1,
  name: 'ems1',
  status: 'enable',
  server: 'ems.lab.internal',
  serialNumber: 'FCTEMS8822001975',
  trustCaCn: 'enable',
  outOfSyncThreshold: 180,
};

let bench: ProbeBench;
before(async () => {
  bench = await probeBench('round-trip');
});
after(() => bench.close());

/** What a decision says, without the time and the file:line the two sources differ in. */
const outcome = (d: Decision) => ({
  verdict: d.verdict,
  reason: d.reason,
  fortiosCode: d.fortiosCode,
  detail: d.detail,
  rule: d.evidence.rule,
  accessProxy: d.evidence.accessProxy,
  apiGateway: d.evidence.apiGateway,
  deviceClass: d.evidence.deviceClass,
});

const gatewayOf = (objects: RandomLab['objects'], users: RandomLab['users']) => bench.gatewayOf(objects, users);
const decide = (gateway: Gateway, probe: RandomProbe) => bench.decide(gateway, probe);

/** A lab the engine refuses (a url-map that is no regular expression) is not a lab to export. */
function buildable(l: RandomLab): Gateway | undefined {
  try {
    return gatewayOf(l.objects, l.users);
  } catch {
    return undefined;
  }
}

test(`fortios/round-trip: import(export(lab)) decides as the lab, ${RUNS} random labs`, () => {
  let probes = 0;
  let allowed = 0;
  fc.assert(
    fc.property(
      randomLab.chain((l) => fc.tuple(fc.constant(l), probesFor(l))),
      ([l, requests]) => {
        const original = buildable(l);
        fc.pre(original !== undefined);
        const text = writeFortiosConfig(labGatewayModel({ objects: l.objects, users: l.users, connector: CONNECTOR }));
        const { model } = mapFortiosConfig(parseFortiosConfig(text, 'exported.conf'));
        const imported = gatewayOf(model, []);
        for (const probe of requests) {
          const want = outcome(decide(original!, probe));
          assert.deepEqual(outcome(decide(imported, probe)), want, `${JSON.stringify(probe)}\n${text}`);
          probes++;
          if (want.verdict === 'allow') allowed++;
        }
      },
    ),
    { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? 16_016) },
  );
  // The property means something only if the probes reach rules, and some get through.
  assert.ok(probes >= RUNS * 8, `${probes} probes`);
  assert.ok(allowed > probes / 50, `only ${allowed} of ${probes} probes were allowed`);
});
