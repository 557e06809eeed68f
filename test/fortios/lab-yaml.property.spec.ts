/**
 * The lab `import fortios` writes decides as the configuration: for random FortiOS models (and the
 * shipped samples), the YAML lab of labYaml, loaded as `run` loads it (loadScenario: schema,
 * references, FortiOS spelling), gives a gateway that decides random requests as a gateway of the
 * model itself, and every derived check expects what that gateway decides.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { deriveChecks, type FortiosModel, labYaml, mapFortiosConfig, readFortiosConfig } from '../../src/fortios';
import type { Decision, Gateway, LabUser, ZtnaObjects } from '../../src/gateway';
import { loadScenario } from '../../src/lab';
import { packageFile } from '../../src/package-root';
import { type ProbeBench, probeBench, SAMPLE_CONFIGS } from '../fixtures/fortios/probe-bench';
import { probesFor, type RandomProbe } from '../fixtures/fortios/random-lab';
import { randomFortiosModel } from '../fixtures/fortios/random-model';

const RUNS = 300;
const work = mkdtempSync(join(tmpdir(), 'ztna-lab-yaml-'));
let bench: ProbeBench;
before(async () => {
  bench = await probeBench('lab-yaml');
});
after(() => {
  bench.close();
  rmSync(work, { recursive: true, force: true });
});

const outcome = (d: Decision) => ({
  verdict: d.verdict,
  reason: d.reason,
  rule: d.evidence.rule,
  apiGateway: d.evidence.apiGateway,
});

const gatewayOf = (objects: ZtnaObjects, users?: readonly LabUser[]) => bench.gatewayOf(objects, users);
const decide = (gateway: Gateway, probe: RandomProbe) => bench.decide(gateway, probe);

let files = 0;
/** The model's lab written and loaded back; the two gateways and the derived checks. */
function roundTrip(model: FortiosModel) {
  const derived = deriveChecks(model);
  const text = labYaml({ model, source: 'random.conf', gatewayName: 'fgt', warnings: [], ...derived });
  const file = join(work, `lab-${files++}.yaml`);
  writeFileSync(file, text);
  const scenario = loadScenario(file);
  const spec = scenario.spec.gateways![0]!;
  return {
    text,
    derived,
    scenario,
    original: gatewayOf(model, derived.users),
    imported: gatewayOf(spec.objects!, spec.users),
  };
}

/** Each derived check, sent as `run` sends it, gets what it expects. */
function checkDerived(r: ReturnType<typeof roundTrip>): void {
  for (const [i, check] of r.derived.checks.entries()) {
    const url = new URL(check.url);
    const d = decide(r.imported, {
      certificate: true,
      tags: check.tags,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      host: url.hostname,
      path: url.pathname,
      ...(url.port ? { port: Number(url.port) } : {}),
      ...(check.sourceAddress ? { sourceAddress: check.sourceAddress } : {}),
      ...(check.user ? { user: check.user } : {}),
    });
    assert.equal(d.verdict, check.expect, `${check.name}\n${r.text}`);
    assert.equal(d.reason, check.reason, check.name);
    assert.equal(r.scenario.checks[i]!.expect, check.expect, 'the lab says what was derived');
  }
}

/**
 * The scenario schema refuses `"` and `\` in object names, which the random models use to test
 * the writer's escaping: every string gets them as `~` and `^` (characters the names never hold,
 * so names stay distinct and references still match).
 */
const yamlSafe = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.replace(/"/g, '~').replace(/\\/g, '^')
    : Array.isArray(value)
      ? value.map(yamlSafe)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, yamlSafe(v)]))
        : value;

/** A real server with neither ip nor address has FortiOS's default ip 0.0.0.0, which the lab writes out. */
const withDefaultIp = (m: FortiosModel): FortiosModel => ({
  ...m,
  accessProxies: m.accessProxies.map((p) => ({
    ...p,
    apiGateways: p.apiGateways.map((g) => ({
      ...g,
      realServers: g.realServers.map((r) => (r.ip || r.address ? r : { ...r, ip: '0.0.0.0' })),
    })),
  })),
});

test('lab-yaml/random-models-decide-as-their-lab', () => {
  let compared = 0;
  fc.assert(
    fc.property(
      randomFortiosModel
        .filter((m) => m.accessProxies.length > 0)
        .map((m) => withDefaultIp(yamlSafe(m) as FortiosModel))
        .chain((m) => fc.tuple(fc.constant(m), probesFor({ objects: m, users: [] }))),
      ([model, probes]) => {
        try {
          gatewayOf(model, []);
        } catch {
          fc.pre(false); // a url-map the engine cannot compile: not a configuration to import
        }
        const r = roundTrip(model);
        for (const probe of probes) {
          assert.deepEqual(
            outcome(decide(r.imported, probe)),
            outcome(decide(r.original, probe)),
            `${JSON.stringify(probe)}\n${r.text}`,
          );
          compared++;
        }
        checkDerived(r);
      },
    ),
    { numRuns: RUNS, seed: 16_017 },
  );
  assert.ok(compared >= RUNS * 8, `${compared} probes`);
});

for (const [file, vdom] of SAMPLE_CONFIGS) {
  test(`lab-yaml/sample-${file}`, () => {
    const { model } = mapFortiosConfig(readFortiosConfig(packageFile('scenarios', 'fortios', file)), { vdom });
    const r = roundTrip(model);
    assert.ok(
      r.derived.checks.some((c) => c.expect === 'allow'),
      'a derived check is allowed',
    );
    assert.ok(
      r.derived.checks.some((c) => c.expect === 'deny'),
      'a derived check is denied',
    );
    checkDerived(r);
  });
}
