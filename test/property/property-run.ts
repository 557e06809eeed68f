/**
 * One property run: fast-check generates action sequences, each runs on a fork of the template
 * lab and on the reference model, and every request is checked against the issue's invariants and
 * the model's verdict. Used in-process (one worker, or a replay) and by property-worker.ts.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Action, ENDPOINTS, type Sequence, sequenceArbitrary } from './actions';
import { buildTemplate, EngineRun, type Template } from './engine-driver';
import { spellingOf } from './gateway-spelling';
import { objectsModel } from './reference-access-proxy';
import { flatRulesModel } from './reference-flat-rules';
import { onTheWire } from './reference-fortios';
import {
  initialState,
  knownDead,
  type ModelState,
  presented,
  requestSettings,
  settingExists,
  step,
  verdict,
} from './reference-model';

export interface PropertyOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** A counterexample path to replay (fast-check prints it with the seed). */
  readonly path?: string;
}

/** What one run did, and the failure if any (plain data: it crosses a worker boundary). */
export interface PropertyResult {
  readonly seed: number;
  readonly sequences: number;
  readonly actions: number;
  readonly requests: number;
  readonly reasons: Record<string, number>;
  /** Sequences by gateway: `flat-rules`, or the random gateway's FortiOS release. */
  readonly gateways: Record<string, number>;
  /** Requests by gateway and reason (`7.2.3 ALLOW`). */
  readonly outcomes: Record<string, number>;
  readonly failure?: {
    readonly message: string;
    readonly counterexample: string;
    readonly path: string;
    readonly shrinks: number;
  };
}

/** What the runs covered, so that the note can give the counts and a gap in coverage fails. */
const fresh = () => ({
  sequences: 0,
  actions: 0,
  requests: 0,
  reasons: new Map<string, number>(),
  gateways: new Map<string, number>(),
  outcomes: new Map<string, number>(),
  errors: new Map<string, number>(),
});
let seen = fresh();
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

async function runSequence(template: Template, { gateway, actions }: Sequence): Promise<void> {
  seen.sequences++;
  const plan = gateway === 'flat-rules' ? undefined : gateway;
  bump(seen.gateways, plan ? plan['fortios-version'] : 'flat-rules');
  const spelling = plan && spellingOf(plan);
  const model = initialState(spelling ? objectsModel(spelling) : flatRulesModel());
  const engine = new EngineRun(template, spelling);
  try {
    for (const [index, action] of actions.entries()) {
      seen.actions++;
      const where = `action #${index} ${JSON.stringify(action)}`;
      if (action.type === 'request') checkRequest(model, engine, action, where);
      // A release without the setting refuses the command: neither side changes.
      else if (action.type === 'settings' && !settingExists(model, action.patch)) continue;
      else {
        const expected = step(model, action);
        const actual = await engine.apply(action);
        assert.equal(
          actual,
          expected,
          `${where}: the engine ${actual ? `failed with ${actual}` : 'succeeded'}, the model ${expected ? `fails with ${expected}` : 'succeeds'}`,
        );
        if (actual) bump(seen.errors, `${action.type}:${actual}`);
        checkRegistry(model, engine, where);
      }
    }
  } finally {
    engine.close();
  }
}

function checkRequest(
  model: ModelState,
  engine: EngineRun,
  action: Extract<Action, { type: 'request' }>,
  where: string,
): void {
  seen.requests++;
  const cert = presented(model, action.identity);
  const certificate = engine.certificate(action.identity);
  assert.equal(
    certificate === undefined,
    cert === undefined,
    `${where}: engine and model disagree on whether a certificate is presented`,
  );
  const decision = engine.request(action);
  const expected = verdict(model, cert, action);
  bump(seen.reasons, decision.reason);
  bump(seen.outcomes, `${model.proxy.reportsApiGateway ? model.proxy.version : 'flat-rules'} ${decision.reason}`);
  const { clientCert, emptyCertAction } = requestSettings(model, action);
  // Invariants stated by the issue, checked on the engine's decision alone.
  if (clientCert && cert && knownDead(model, cert)) {
    assert.equal(
      decision.verdict,
      'deny',
      `${where}: a certificate that is revoked, superseded or under a replaced or revoked root was allowed after the change was synced`,
    );
  }
  if (clientCert && !certificate && emptyCertAction === 'block')
    assert.equal(decision.reason, 'CERT_EMPTY', `${where}: block allowed an empty certificate`);
  if (clientCert && certificate && decision.verdict === 'allow') {
    const record = engine.lab.gateway().records.get(certificate.subjectCN);
    assert.equal(
      record?.certSn,
      certificate.serial,
      `${where}: allowed without a record whose UID and SN match the certificate`,
    );
  }
  // And the model agrees on the reason (and why a certificate is invalid), on what the client
  // sees of it on this release, and on the ZTNA server, API gateway and rule that decided.
  const reportsApiGateway = model.proxy.reportsApiGateway;
  const actual = {
    reason: decision.reason,
    ...(expected.why === undefined ? {} : { why: decision.detail }),
    verdict: decision.verdict,
    fortiosCode: decision.fortiosCode,
    httpStatus: decision.httpStatus,
    accessProxy: decision.evidence.accessProxy,
    ...(reportsApiGateway ? { apiGateway: decision.evidence.apiGateway } : {}),
    rule: decision.evidence.rule,
  };
  const predicted = {
    reason: expected.reason,
    ...(expected.why === undefined ? {} : { why: expected.why }),
    ...onTheWire(expected.reason, model.proxy.version),
    accessProxy: model.proxy.server(action),
    ...(reportsApiGateway ? { apiGateway: expected.apiGateway } : {}),
    rule: expected.rule,
  };
  assert.deepEqual(
    actual,
    predicted,
    `${where}: engine ${JSON.stringify(actual)} but model ${JSON.stringify(predicted)} (detail: ${decision.detail})`,
  );
}

/** EMS's registry and each endpoint's history agree with the model after every action. */
function checkRegistry(model: ModelState, engine: EngineRun, where: string): void {
  for (const name of ENDPOINTS) {
    const held = engine.held(name);
    const serialOf = (id: number | null) => (id === null ? '0'.repeat(40) : held[model.agents[name].held.indexOf(id)]);
    assert.equal(
      held.length,
      model.agents[name].held.length,
      `${where}: endpoint ${name} holds ${held.length} certificates, the model ${model.agents[name].held.length}`,
    );
    const entry = engine.lab.ems.registry.get(engine.lab.endpoint(name).uid);
    const expected = model.registry.get(name);
    assert.equal(entry === undefined, expected === undefined, `${where}: registry entry of ${name}`);
    if (!entry || !expected) continue;
    assert.deepEqual(
      { status: entry.status, certSn: entry.certSn, online: entry.online, tags: [...entry.tags] },
      {
        status: expected.registered ? 'registered' : 'unregistered',
        certSn: serialOf(expected.cert),
        online: expected.online,
        tags: [...expected.tags],
      },
      `${where}: EMS registry entry of ${name}`,
    );
  }
}

/** Runs the property; never throws for a failing sequence, it reports it. */
export async function runProperty(options: PropertyOptions): Promise<PropertyResult> {
  seen = fresh();
  const template = await buildTemplate();
  try {
    const details = await fc.check(
      fc.asyncProperty(sequenceArbitrary, (actions) => runSequence(template, actions)),
      { seed: options.seed, numRuns: options.numRuns, ...(options.path ? { path: options.path } : {}) },
    );
    const result = {
      seed: options.seed,
      sequences: seen.sequences,
      actions: seen.actions,
      requests: seen.requests,
      reasons: Object.fromEntries(seen.reasons),
      gateways: Object.fromEntries(seen.gateways),
      outcomes: Object.fromEntries(seen.outcomes),
    };
    if (!details.failed) return result;
    const message =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return {
      ...result,
      failure: {
        message,
        counterexample: JSON.stringify(details.counterexample?.[0]),
        path: details.counterexamplePath ?? '',
        shrinks: details.numShrinks,
      },
    };
  } finally {
    template.lab.close();
  }
}
