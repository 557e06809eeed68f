import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLab } from '../lab';
import { startAdminApi } from './admin-api';

test('the admin interface refuses calls without its token and acts with it', async () => {
  const lab = await createLab({ endpoints: [{ name: 'laptop-1' }] });
  let changes = 0;
  const admin = await startAdminApi({ lab, afterChange: async () => void changes++ });
  try {
    const post = (token: string | undefined, body: object) =>
      fetch(`${admin.url}/admin/revoke-client-certificate`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body) });
    assert.equal((await post(undefined, { endpoint: 'laptop-1' })).status, 401);
    assert.equal((await post('wrong', { endpoint: 'laptop-1' })).status, 401);
    assert.equal((await post(`${admin.token}x`, { endpoint: 'laptop-1' })).status, 401);
    assert.equal(lab.ems.isRevoked(lab.endpoint('laptop-1').identity!.certificate.serial), false, 'nothing happened without the token');
    assert.equal((await post(admin.token, { endpoint: 'nobody' })).status, 400);
    const ok = await post(admin.token, { endpoint: 'laptop-1' });
    assert.equal(ok.status, 200);
    assert.equal(lab.ems.isRevoked(lab.endpoint('laptop-1').identity!.certificate.serial), true);
    assert.equal(changes, 1);
    assert.match(admin.token, /^[0-9a-f]{48}$/);
  } finally {
    await admin.close();
  }
});

test('the admin interface listens on loopback only', async () => {
  const lab = await createLab();
  const admin = await startAdminApi({ lab, token: 'fixed-token' });
  try {
    // Bound to 127.0.0.1, not to any interface: nothing off this machine can reach it.
    assert.equal((admin.server.address() as { address: string }).address, '127.0.0.1');
    const ok = await fetch(`${admin.url}/admin/status`, { headers: { authorization: 'Bearer fixed-token' } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { gateways: { name: string }[] }).gateways[0]!.name, 'fgt-1');
  } finally {
    await admin.close();
  }
});
