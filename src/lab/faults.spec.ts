import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HarnessError } from '../errors';
import type { Identity } from '../forticlient';
import { createLab, type Lab, type LabSpec } from './index';

const BASE: LabSpec = { endpoints: [{ name: 'laptop-1', tags: ['Domain-Users'] }, { name: 'laptop-2' }] };
const decide = (lab: Lab, identity: Identity | undefined) =>
  lab.gateway().decide({ certificate: identity?.certificate, host: 'app.example.com', path: '/' });
const refused = (code: string) => (error: unknown) => error instanceof HarnessError && error.code === code;

describe('EMS restart', () => {
  test('while EMS is down admin actions are refused and the gateway decides on its last sync', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    lab.stopEms();
    assert.throws(() => lab.ems.revokeClientCertificate(laptop.uid), refused('INVALID_STATE'));
    assert.throws(() => laptop.unregister(), refused('INVALID_STATE'));
    await assert.rejects(lab.ems.updateRootCa('default'), refused('INVALID_STATE'));
    assert.equal(decide(lab, laptop.identity).reason, 'ALLOW', 'stale but within the out-of-sync threshold');
    lab.clock.advance(180_000);
    assert.equal(decide(lab, laptop.identity).detail, 'record-out-of-sync');
  });

  test('a failed reconnect leaves the endpoint its certificate', async () => {
    // Found by the property test (seed 7): the store was emptied before EMS refused the registration.
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    const before = laptop.identity!;
    lab.stopEms();
    await assert.rejects(laptop.reconnect(), refused('INVALID_STATE'));
    assert.equal(laptop.identity, before);
    assert.equal(laptop.history.length, 1);
  });

  test('persisted: nothing is lost; the connector resyncs and a revocation made before the stop is enforced', async () => {
    const lab = await createLab({ ...BASE, links: [{ gateway: 'fgt-1', syncDelayMs: 30_000 }] });
    const laptop = lab.endpoint('laptop-1');
    const stolen = laptop.identity!;
    lab.ems.revokeClientCertificate(laptop.uid);
    lab.clock.advance(10_000);
    lab.stopEms(); // the delayed sync is lost with the connection
    lab.clock.advance(60_000);
    assert.equal(decide(lab, stolen).reason, 'ALLOW');
    await lab.startEms('persisted');
    assert.equal(decide(lab, stolen).reason, 'CERT_REVOKED');
    assert.equal(lab.ems.registry.require(laptop.uid).certSn, stolen.certificate.serial);
    assert.deepEqual(lab.ems.registry.require(laptop.uid).tags, ['Domain-Users']);
  });

  test('rebuilt: endpoints register again; their old certificates are not revoked but no longer match a record', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    const old = laptop.identity!;
    const revoked = lab.endpoint('laptop-2').identity!;
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-2').uid);
    lab.stopEms();
    await lab.startEms('rebuilt');
    assert.notEqual(laptop.identity!.certificate.serial, old.certificate.serial);
    assert.equal(lab.ems.isRevoked(old.certificate.serial), false, 'EMS no longer knew it was current');
    assert.deepEqual([decide(lab, old).reason, decide(lab, old).detail], ['CERT_INVALID', 'sn-mismatch']);
    assert.equal(decide(lab, revoked).reason, 'CERT_REVOKED', 'the revocation list survives a rebuild');
    assert.equal(decide(lab, laptop.identity).reason, 'ALLOW');
    assert.deepEqual(lab.ems.registry.require(laptop.uid).tags, ['Domain-Users'], 'the agent reports its tags again');
  });
});

describe('gateway clock skew', () => {
  test('within the 1 h backdating a fresh certificate is valid; beyond it, not yet valid', async () => {
    const lab = await createLab(BASE);
    const fresh = await lab.endpoint('laptop-2').reconnect();
    lab.setClockSkew(undefined, -59 * 60_000);
    assert.equal(decide(lab, fresh).reason, 'ALLOW');
    lab.setClockSkew(undefined, -61 * 60_000);
    assert.deepEqual([decide(lab, fresh).reason, decide(lab, fresh).detail], ['CERT_INVALID', 'not-yet-valid']);
    lab.clock.advance(60_000);
    assert.equal(decide(lab, fresh).reason, 'ALLOW');
  });
});

describe('lab.fork()', () => {
  test('a fork starts in the same state, shares the certificates and diverges independently', async () => {
    const lab = await createLab({ ...BASE, seed: 'fork' });
    const fork = lab.fork();
    const id = (l: Lab) => l.endpoint('laptop-1').identity!;
    assert.equal(id(fork), id(lab), 'the very same certificate and key');
    assert.equal(decide(fork, id(fork)).reason, 'ALLOW');
    fork.ems.revokeClientCertificate(fork.endpoint('laptop-1').uid);
    await fork.endpoint('laptop-2').reconnect();
    assert.equal(decide(fork, id(lab)).reason, 'CERT_REVOKED');
    assert.equal(decide(lab, id(lab)).reason, 'ALLOW', 'the original is untouched');
    assert.equal(lab.endpoint('laptop-2').history.length, 1);
    assert.notEqual(fork.seed, lab.seed, 'a fork draws serials from its own stream');
    await lab.ems.updateRootCa('default');
    assert.equal(
      decide(fork, fork.endpoint('laptop-2').identity).reason,
      'ALLOW',
      "the original's new root is not the fork's",
    );
  });

  test('a fork keeps settings, skew and link state, and is refused while a sync is in flight', async () => {
    const lab = await createLab({ ...BASE, links: [{ gateway: 'fgt-1', syncDelayMs: 5_000 }] });
    lab.gateway().settings = { ...lab.gateway().settings, emptyCertAction: 'accept' };
    lab.setClockSkew(undefined, -120 * 60_000);
    lab.link().takeDown();
    const fork = lab.fork();
    assert.equal(fork.gateway().settings.emptyCertAction, 'accept');
    assert.equal(fork.gateway().clock.now(), fork.clock.now() - 120 * 60_000);
    assert.equal(fork.link().status.state, 'down');
    fork.clock.advance(180_000);
    assert.equal(fork.gateway().outOfSync, true);
    lab.link().restore();
    lab.ems.setTags(lab.endpoint('laptop-2').uid, ['HR']);
    assert.throws(() => lab.fork(), refused('INVALID_STATE'));
  });
});
