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
import { type AccessRequest, type Decision, type EmsConnector, Gateway, type GatewaySync } from '../../src/gateway';
import { createLab, type Lab } from '../../src/lab';
import type { Certificate } from '../../src/pki';
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

let lab: Lab;
let certificate: Certificate;
let synced: GatewaySync;

before(async () => {
  // One real endpoint: its certificate and the sync that makes a gateway know it; each probe
  // only changes the tags on its record.
  lab = await createLab({ seed: 'round-trip', endpoints: [{ name: 'laptop' }] });
  certificate = lab.endpoint('laptop').identity!.certificate;
  synced = lab.gateway().syncedContents();
});
after(() => lab.close());

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

function gatewayOf(objects: RandomLab['objects'], users: RandomLab['users']): Gateway {
  const gateway = new Gateway({ name: 'fgt', clock: lab.clock, objects, users });
  gateway.applySync(synced);
  return gateway;
}

function decide(gateway: Gateway, probe: RandomProbe): Decision {
  const [record] = synced.records;
  gateway.records.replace([{ ...record!, tags: probe.tags }]);
  const request: AccessRequest = {
    ...(probe.certificate ? { certificate } : {}),
    host: probe.host,
    path: probe.path,
    userAgent: probe.userAgent,
    ...(probe.port === undefined ? {} : { port: probe.port }),
    ...(probe.sourceAddress === undefined ? {} : { sourceAddress: probe.sourceAddress }),
    ...(probe.user === undefined ? {} : { user: probe.user }),
  };
  return gateway.decide(request);
}

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
