import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { HarnessError } from '../errors';
import { createLab, type Lab } from '../lab';
import { createCsr, generateRsaSync, type KeyPair, OID, sharedKeyPool } from '../pki';

describe('ZTNA CA signing policy', () => {
  let lab: Lab;
  let key: KeyPair;
  let other: KeyPair;
  const uid = '9A016B5A6E914B42AD4168C066EB04CA';
  before(async () => {
    lab = await createLab();
    key = await sharedKeyPool().take();
    other = await sharedKeyPool().take();
  });

  const register = (csr: ReturnType<typeof createCsr>, as = uid) =>
    lab.ems.register({
      uid: as,
      site: 'default',
      csr,
      hostName: 'h',
      os: 'Windows',
      ip: '10.0.0.1',
      mac: '02:00:00:00:00:01',
    });

  const cases: { name: string; build: () => ReturnType<typeof createCsr>; as?: string; refusal?: RegExp }[] = [
    { name: 'allow/good-csr', build: () => createCsr({ subject: { CN: uid }, key }) },
    {
      name: 'deny/bad-signature',
      build: () => createCsr({ subject: { CN: uid }, key, signWith: other }),
      refusal: /^csrSignatureValid:/,
    },
    {
      name: 'deny/cn-not-the-uid',
      build: () => createCsr({ subject: { CN: 'ABC' }, key }),
      refusal: /^uidMatchesSubject:/,
    },
    {
      name: 'deny/uid-not-hex',
      build: () => createCsr({ subject: { CN: 'laptop' }, key }),
      as: 'laptop',
      refusal: /^uidFormat:/,
    },
    {
      name: 'deny/1024-bit-key',
      build: () => createCsr({ subject: { CN: uid }, key: generateRsaSync(1024) }),
      refusal: /^keyStrength: .*1024 bits/,
    },
    {
      name: 'deny/server-auth-requested',
      build: () => createCsr({ subject: { CN: uid }, key, requestExtKeyUsage: [OID.clientAuth, OID.serverAuth] }),
      refusal: /^clientAuthOnly:/,
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const csr = c.build();
      if (!c.refusal) {
        const cert = register(csr, c.as);
        assert.equal(cert.subjectCN, uid);
        assert.deepEqual(cert.extKeyUsage, [OID.clientAuth]);
        return;
      }
      assert.throws(
        () => register(csr, c.as),
        (error: unknown) =>
          error instanceof HarnessError &&
          error.code === 'CSR_REJECTED' &&
          c.refusal!.test(error.message.split(': ').slice(1).join(': ')),
      );
    });
  }
});
