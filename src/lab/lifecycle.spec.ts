import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Identity } from '../forticlient';
import type { AccessRequest, Decision } from '../gateway';
import { createLab, type Lab, type LabSpec } from './index';

const BASE: LabSpec = { endpoints: [{ name: 'laptop-1' }, { name: 'laptop-2' }] };
const request = (identity: Identity | undefined): AccessRequest => ({
  certificate: identity?.certificate,
  host: 'app.example.com',
  path: '/',
});
const decide = (lab: Lab, identity: Identity | undefined, gateway?: string): Decision =>
  lab.gateway(gateway).decide(request(identity));

describe('lifecycle', () => {
  test('register → allowed, and EMS, store and gateway agree on UID and SN', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    const id = laptop.identity!;
    assert.equal(decide(lab, id).reason, 'ALLOW');
    assert.equal(lab.ems.registry.require(laptop.uid).certSn, id.certificate.serial);
    assert.equal(lab.gateway().records.get(laptop.uid)!.certSn, id.certificate.serial);
    assert.deepEqual(
      laptop.store.list().map((s) => s.serial),
      [id.certificate.serial],
    );
    assert.match(id.certificate.serial, /^[0-9A-F]{40}$/);
    assert.equal(id.certificate.issuerCN, 'default_ZTNARootCA');
  });

  test('revoke → allowed while the sync is delayed (stale), CERT_REVOKED once it lands', async () => {
    const lab = await createLab({ ...BASE, links: [{ gateway: 'fgt-1', syncDelayMs: 30_000 }] });
    const id = lab.endpoint('laptop-1').identity!;
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-1').uid);
    assert.equal(decide(lab, id).reason, 'ALLOW', 'before the revocation reaches the gateway');
    lab.clock.advance(29_999);
    assert.equal(decide(lab, id).reason, 'ALLOW');
    lab.clock.advance(1);
    assert.equal(decide(lab, id).reason, 'CERT_REVOKED');
    assert.equal(decide(lab, lab.endpoint('laptop-2').identity).reason, 'ALLOW', 'other endpoints are untouched');
  });

  test('unregister → store empty, no certificate sent (CERT_EMPTY), the old one CERT_REVOKED', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    const old = laptop.identity!;
    laptop.unregister();
    assert.equal(laptop.store.size, 0);
    assert.equal(laptop.identity, undefined);
    assert.equal(decide(lab, laptop.identity).reason, 'CERT_EMPTY');
    assert.equal(decide(lab, old).reason, 'CERT_REVOKED');
    assert.equal(lab.gateway().records.get(laptop.uid)!.certSn, '0'.repeat(40));
  });

  test('reconnect → new key and SN, allowed; the old certificate denied', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    const old = laptop.identity!;
    laptop.unregister();
    const fresh = await laptop.reconnect();
    assert.notEqual(fresh.certificate.serial, old.certificate.serial);
    assert.notDeepEqual(fresh.key.spki, old.key.spki);
    assert.equal(decide(lab, fresh).reason, 'ALLOW');
    assert.equal(decide(lab, old).reason, 'CERT_REVOKED');
  });

  test('root update → certificates of the old root denied, renewed endpoints allowed', async () => {
    const lab = await createLab(BASE);
    const before = lab.endpoints.map((e) => e.identity!);
    await lab.ems.updateRootCa('default');
    for (const [i, endpoint] of lab.endpoints.entries()) {
      const renewed = endpoint.identity!;
      assert.notEqual(renewed.certificate.serial, before[i]!.certificate.serial);
      assert.equal(decide(lab, renewed).reason, 'ALLOW');
      const old = decide(lab, before[i]);
      assert.equal(old.reason, 'CERT_INVALID');
      assert.equal(old.detail, 'untrusted-issuer');
    }
  });

  test('root revoke → every certificate of that root denied (root-revoked), renewed ones allowed', async () => {
    const lab = await createLab(BASE);
    const before = lab.endpoints.map((e) => e.identity!);
    await lab.ems.revokeRootCa('default');
    for (const old of before) {
      const decision = decide(lab, old);
      assert.equal(decision.reason, 'CERT_INVALID');
      assert.equal(decision.detail, 'root-revoked');
    }
    for (const endpoint of lab.endpoints) assert.equal(decide(lab, endpoint.identity).reason, 'ALLOW');
  });

  test('a site never authenticates another site’s endpoint', async () => {
    const lab = await createLab({
      sites: [{ name: 'default' }, { name: 'CUSTOMER-TEST' }],
      endpoints: [{ name: 'a' }, { name: 'b', site: 'CUSTOMER-TEST' }],
      gateways: [
        { name: 'fgt-a', rules: [{ name: 'all', action: 'accept' }] },
        { name: 'fgt-b', site: 'CUSTOMER-TEST', rules: [{ name: 'all', action: 'accept' }] },
      ],
    });
    assert.equal(decide(lab, lab.endpoint('a').identity, 'fgt-a').reason, 'ALLOW');
    assert.equal(decide(lab, lab.endpoint('b').identity, 'fgt-b').reason, 'ALLOW');
    assert.equal(decide(lab, lab.endpoint('b').identity, 'fgt-a').detail, 'untrusted-issuer');
    assert.equal(decide(lab, lab.endpoint('a').identity, 'fgt-b').detail, 'untrusted-issuer');
    assert.equal(lab.endpoint('b').identity!.certificate.issuerCN, 'CUSTOMER-TEST_ZTNARootCA');
    assert.match(lab.ems.site('CUSTOMER-TEST').tenantId, /^[0-9a-f]{32}$/);
    assert.equal(lab.ems.site('default').tenantId, '0'.repeat(32));
  });

  test('an untrusted EMS server certificate stops the sync', async () => {
    const lab = await createLab({ ...BASE, links: [{ gateway: 'fgt-1', trustEmsCertificate: false }] });
    assert.equal(lab.link().status.state, 'untrusted');
    assert.match(lab.link().status.detail, /untrusted-issuer/);
    assert.equal(lab.gateway().records.size, 0);
    assert.equal(decide(lab, lab.endpoint('laptop-1').identity).detail, 'untrusted-issuer');
  });

  test('fabric outage: stale until the threshold, then records out of sync (fail closed), then enforced', async () => {
    const lab = await createLab(BASE);
    const laptop = lab.endpoint('laptop-1');
    lab.link().takeDown();
    lab.ems.revokeClientCertificate(laptop.uid);
    lab.clock.advance(179_000);
    assert.equal(decide(lab, laptop.identity).reason, 'ALLOW', 'exposure window: the revocation has not arrived');
    lab.clock.advance(1_000);
    assert.equal(lab.gateway().outOfSync, true);
    assert.deepEqual(
      [decide(lab, laptop.identity).reason, decide(lab, laptop.identity).detail],
      ['NO_DEVICE_INFO', 'record-out-of-sync'],
    );
    assert.match(lab.gateway().diagnoseRecordList(), /out-of-sync records: 2$/m);
    lab.link().restore();
    assert.equal(decide(lab, laptop.identity).reason, 'CERT_REVOKED');
    assert.equal(decide(lab, lab.endpoint('laptop-2').identity).reason, 'ALLOW');
  });

  test('gateway restart loses the records: fail closed until the fabric resyncs', async () => {
    const lab = await createLab(BASE);
    const id = lab.endpoint('laptop-1').identity;
    lab.gateway().restart();
    assert.equal(decide(lab, id).detail, 'untrusted-issuer');
    lab.link().restore();
    assert.equal(decide(lab, id).reason, 'ALLOW');
  });

  test('a restarted gateway fails closed until its connector reconnects 5 s later', async () => {
    const lab = await createLab(BASE);
    const id = lab.endpoint('laptop-1').identity;
    lab.restartGateway();
    assert.equal(lab.link().status.state, 'down');
    assert.equal(decide(lab, id).reason, 'CERT_INVALID');
    lab.clock.advance(4_999);
    assert.equal(decide(lab, id).reason, 'CERT_INVALID');
    lab.clock.advance(1);
    assert.equal(lab.link().status.state, 'up');
    assert.equal(decide(lab, id).reason, 'ALLOW');
  });

  test('diagnose endpoint record list prints two records with FortiOS field names and the summary', async () => {
    const lab = await createLab({
      ems: { serial: 'FCTEMS8822001975' },
      endpoints: [
        { name: 'pc-1', tags: ['Domain-Users'] },
        { name: 'pc-2', online: false },
      ],
    });
    const out = lab.gateway().diagnoseRecordList();
    const [pc1, pc2] = lab.endpoints;
    assert.match(
      out,
      /^Record #1:\n {16}IP Address = 10\.0\.1\.1\n {16}MAC Address = 02:09:0f:00:00:01\n {16}MAC list =\n {16}VDOM = root \(0\)\n/,
    );
    for (const field of [
      'EMS serial number: FCTEMS8822001975',
      'EMS tenant id: 00000000000000000000000000000000',
      `Client cert SN: ${pc1!.identity!.certificate.serial}`,
      `Client cert SN: ${pc2!.identity!.certificate.serial}`,
      `FortiClient UID: ${pc1!.uid}`,
      'Host Name: pc-2',
      'Online status: offline',
      'Registration status: registered',
      'Record #2:',
      'Gateway Route #0:',
    ]) {
      assert.ok(out.includes(field), `missing "${field}"`);
    }
    assert.match(out, /\nonline records: 1; offline records: 1; quarantined records: 0; out-of-sync records: 0\n$/);
  });
});
