import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Identity } from '../forticlient';
import { createLab, type Lab, loadScenario } from '../lab';

const SPEC = { endpoints: [{ name: 'laptop-1' }, { name: 'laptop-2' }] };
const decide = (lab: Lab, identity: Identity) =>
  lab.gateway().decide({ certificate: identity.certificate, host: 'app.example.com', path: '/' });

describe('fabric link', () => {
  // Found by the property test (seed 4): an older delayed sync landed after a newer one and undid a revocation.
  test('deny/older-delayed-sync-never-replaces-a-newer-one', async () => {
    const lab = await createLab(SPEC);
    const stolen = lab.endpoint('laptop-1').identity!;
    lab.link().setDelay(60_000);
    lab.ems.setTags(lab.endpoint('laptop-2').uid, ['HR']); // a sync taken now, landing in 60 s
    lab.link().setDelay(0);
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-1').uid); // a newer sync, landing at once
    assert.equal(decide(lab, stolen).reason, 'CERT_REVOKED');
    lab.clock.advance(60_000);
    assert.equal(decide(lab, stolen).reason, 'CERT_REVOKED', 'the older sync arrived and was ignored');
    assert.deepEqual(lab.gateway().records.get(lab.endpoint('laptop-2').uid)!.tags, ['HR']);
  });

  test('deny/delayed-sync-from-before-a-restore-is-ignored', async () => {
    const lab = await createLab({ ...SPEC, links: [{ gateway: 'fgt-1', syncDelayMs: 30_000 }] });
    const stolen = lab.endpoint('laptop-1').identity!;
    lab.ems.setTags(lab.endpoint('laptop-2').uid, ['HR']); // in flight for 30 s
    lab.link().takeDown();
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-1').uid);
    lab.link().restore(); // full resync, with the revocation
    assert.equal(decide(lab, stolen).reason, 'CERT_REVOKED');
    lab.clock.advance(30_000);
    assert.equal(decide(lab, stolen).reason, 'CERT_REVOKED');
  });

  // Found by the property test (seed 1): the outage was timed on EMS's clock, the threshold on the gateway's.
  for (const [name, skewMs] of [
    ['behind', -600_000],
    ['ahead', 600_000],
  ] as const) {
    test(`out-of-sync/threshold-on-the-gateway-clock-when-${name}`, async () => {
      const lab = await createLab({
        ...SPEC,
        gateways: [{ name: 'fgt-1', clockSkewMs: skewMs, rules: [{ name: 'all', action: 'accept' }] }],
      });
      const laptop = lab.endpoint('laptop-1').identity!;
      lab.link().takeDown();
      lab.clock.advance(179_000);
      assert.equal(lab.gateway().outOfSync, false);
      assert.equal(decide(lab, laptop).reason, 'ALLOW');
      lab.clock.advance(1_000);
      assert.equal(lab.gateway().outOfSync, true);
      assert.equal(decide(lab, laptop).detail, 'record-out-of-sync');
    });
  }

  test('a link cannot connect while EMS is down, and reconnects when it is back', async () => {
    const lab = await createLab(SPEC);
    lab.stopEms();
    assert.equal(lab.link().status.state, 'down');
    assert.equal(lab.link().restore().detail, 'EMS unreachable; no sync');
    await lab.startEms('persisted');
    assert.equal(lab.link().status.state, 'up');
  });

  test('reconfigured to another EMS serial: no sync, records stale until the threshold, then resynced once fixed', async () => {
    const lab = await createLab({ ...SPEC, ems: { serial: 'FCTEMS8822001975' } });
    const laptop = lab.endpoint('laptop-1').identity!;
    const status = lab.link().configure({ serialNumber: 'FCTEMS0000000001' });
    assert.deepEqual([status.state, status.dirtyReason], ['untrusted', 'mismatched-ems-sn']);
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-1').uid);
    assert.equal(decide(lab, laptop).reason, 'ALLOW', 'nothing syncs: the revocation does not arrive');
    lab.clock.advance(180_000);
    assert.equal(decide(lab, laptop).detail, 'record-out-of-sync');
    assert.equal(lab.link().configure({ serialNumber: 'FCTEMS8822001975' }).state, 'up');
    assert.equal(decide(lab, laptop).reason, 'CERT_REVOKED');
  });

  test('a disabled connector stays off through restores until it is enabled', async () => {
    const lab = await createLab(SPEC);
    assert.equal(lab.link().configure({ status: 'disable' }).state, 'down');
    assert.equal(lab.link().restore().detail, 'EMS connector disabled (status disable); no sync');
    assert.equal(lab.link().configure({ status: 'enable' }).state, 'up');
  });

  test('a setting changed during an outage waits for the restore', async () => {
    const lab = await createLab(SPEC);
    lab.link().takeDown();
    assert.equal(lab.link().configure({ verifyingCa: 'EMS_SSL_CA' }).detail, 'fabric connection down');
    assert.equal(lab.link().restore().state, 'up');
    assert.equal(lab.link().connector.verifyingCa, 'EMS_SSL_CA');
  });

  for (const [seconds, accepted] of [
    [9, false],
    [10, true],
    [180, true],
    [3600, true],
    [3601, false],
    [10.5, false],
  ] as const)
    test(`out-of-sync-threshold/${seconds}s-${accepted ? 'accepted' : 'refused'}`, async () => {
      const lab = await createLab(SPEC);
      const set = () => lab.link().setOutOfSyncThreshold(seconds * 1000);
      if (!accepted) {
        assert.throws(set, /out-of-sync-threshold must be a whole number of seconds from 10 to 3600/);
        assert.equal(lab.link().thresholdMs, 180_000);
        return;
      }
      set();
      lab.link().takeDown();
      lab.clock.advance(seconds * 1000 - 1);
      assert.equal(lab.gateway().outOfSync, false);
      lab.clock.advance(1);
      assert.equal(lab.gateway().outOfSync, true);
    });

  test("a scenario file's fctems settings reach the link", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fctems-'));
    try {
      const file = join(dir, 'lab.yaml');
      writeFileSync(
        file,
        [
          'name: pinned to another EMS',
          'ems: { serial: FCTEMS8822001975 }',
          'gateways:',
          '  - name: fgt-1',
          '    fctems: { serial-number: FCTEMS0000000001, verifying-ca: EMS_SSL_CA, out-of-sync-threshold: 10 }',
          '    rules: [{ name: all, action: accept }]',
          '',
        ].join('\n'),
      );
      const lab = await createLab(loadScenario(file).spec);
      assert.deepEqual([lab.link().status.dirtyReason, lab.link().thresholdMs], ['mismatched-ems-sn', 10_000]);
      assert.equal(lab.link().connector.verifyingCa, 'EMS_SSL_CA');
      lab.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
