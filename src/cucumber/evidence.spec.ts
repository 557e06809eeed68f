import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVIDENCE_MEDIA_TYPE, evidenceOfAttachment } from './evidence';

const attach = (body: string, mediaType = EVIDENCE_MEDIA_TYPE, contentEncoding: 'IDENTITY' | 'BASE64' = 'IDENTITY') =>
  evidenceOfAttachment({ body, mediaType, contentEncoding });

const DECISION = {
  kind: 'decision',
  gateway: 'fgt-1',
  endpoint: null,
  probe: { host: 'app', path: '/', userAgent: 'curl/8' },
  verdict: 'deny',
  reason: 'CERT_REVOKED',
  fortiosCode: '063',
  httpStatus: 403,
  tlsAlert: null,
  detail: 'revoked at 10:00',
  uid: 'U',
  certificateSerial: 'S',
  issuer: 'CN=ca',
  fingerprint: 'F',
  rule: null,
  virtualTime: '2026-01-01T00:00:00.000Z',
  target: 'in-process',
};

for (const [name, body, expected] of [
  ['decision', JSON.stringify(DECISION), DECISION],
  [
    'decision/missing-fields-become-null',
    JSON.stringify({ kind: 'decision', verdict: 'allow' }),
    {
      ...Object.fromEntries(Object.keys(DECISION).map((k) => [k, null])),
      kind: 'decision',
      verdict: 'allow',
      probe: { host: null, path: null, userAgent: null },
    },
  ],
  [
    'decision/bad-verdict-is-kept-as-other',
    JSON.stringify({ kind: 'decision', verdict: 'maybe' }),
    { kind: 'other', declaredKind: 'decision', data: { kind: 'decision', verdict: 'maybe' } },
  ],
  [
    'not-applicable',
    JSON.stringify({ kind: 'not-applicable', reason: 'no TLS on this target' }),
    { kind: 'not-applicable', reason: 'no TLS on this target' },
  ],
  [
    'note/lines',
    JSON.stringify({ kind: 'note', title: 'diagnose', text: ['a', 'b'] }),
    { kind: 'note', title: 'diagnose', text: 'a\nb' },
  ],
  [
    'unknown-kind',
    JSON.stringify({ kind: 'posture', tags: ['x'] }),
    { kind: 'other', declaredKind: 'posture', data: { kind: 'posture', tags: ['x'] } },
  ],
  ['not-an-object', '[1,2]', { kind: 'other', declaredKind: null, data: [1, 2] }],
  ['not-json', '{oops', { kind: 'note', title: 'unreadable evidence (not JSON)', text: '{oops' }],
] as const) {
  test(`evidence/${name}`, () => assert.deepEqual(attach(body), expected));
}

test('evidence/base64-encoded', () => {
  assert.deepEqual(
    attach(
      Buffer.from(JSON.stringify({ kind: 'not-applicable', reason: 'r' })).toString('base64'),
      EVIDENCE_MEDIA_TYPE,
      'BASE64',
    ),
    { kind: 'not-applicable', reason: 'r' },
  );
});

test('evidence/text-attachments-become-notes', () => {
  assert.deepEqual(attach('hello', 'text/x.cucumber.log+plain'), { kind: 'note', title: 'log', text: 'hello' });
  assert.deepEqual(attach('AAAA', 'image/png', 'BASE64'), {
    kind: 'note',
    title: 'attachment',
    text: 'image/png attachment (3 bytes) not included in the report',
  });
});
