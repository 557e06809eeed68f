import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RevocationLedger } from './revocation-ledger';

test("ledger/revocation-lands-under-the-issuing-root: a serial issued by root 1 stays in root 1's CRL after a rotation", () => {
  const ledger = new RevocationLedger();
  ledger.issued('AA', 1);
  ledger.revoke('AA', 'default', 'keyCompromise', 1000, 2);
  assert.deepEqual(ledger.of('default'), [
    { serial: 'AA', site: 'default', rootGeneration: 1, revokedAt: 1000, reason: 'keyCompromise' },
  ]);
});

test('ledger/unknown-serial-falls-back-to-the-active-root', () => {
  const ledger = new RevocationLedger();
  ledger.revoke('BB', 'default', 'superseded', 5, 3);
  assert.equal(ledger.of('default')[0]!.rootGeneration, 3);
});

test('ledger/revoked-once: a second revocation keeps the first date and reason', () => {
  const ledger = new RevocationLedger();
  ledger.revoke('CC', 'hq', 'keyCompromise', 1, 1);
  ledger.revoke('CC', 'hq', 'cessationOfOperation', 2, 1);
  assert.deepEqual(
    ledger.of('hq').map((r) => [r.reason, r.revokedAt]),
    [['keyCompromise', 1]],
  );
  assert.deepEqual(ledger.of('other'), []);
});

test('ledger/fork-is-independent-and-crl-numbers-only-grow', () => {
  const ledger = new RevocationLedger();
  ledger.revoke('DD', 'default', 'keyCompromise', 1, 1);
  assert.equal(ledger.nextCrlNumber(), 1);
  const copy = ledger.fork();
  copy.revoke('EE', 'default', 'keyCompromise', 2, 1);
  assert.equal(copy.isRevoked('DD'), true);
  assert.equal(ledger.isRevoked('EE'), false, "the original does not see the fork's revocation");
  assert.equal(copy.nextCrlNumber(), 2);
  assert.equal(ledger.nextCrlNumber(), 2);
});
