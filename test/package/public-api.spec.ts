/**
 * The engine API is a semver promise: its runtime exports change only on purpose, and every one
 * of them is listed in docs/public-api.md. Removing or renaming one is a breaking change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../src';
import { packageFile } from '../../src/package-root';

const PUBLIC_VALUES = [
  'BUILTIN_TAGS',
  'DEFAULT_GATEWAY',
  'DEFAULT_GATE_POLICY',
  'DEFAULT_SETTINGS',
  'DEFAULT_TENANT_ID',
  'DESKTOP_USER_AGENT',
  'EMPTY_CERT_ACTIONS',
  'HarnessError',
  'NO_CERTIFICATE_SN',
  'REASONS',
  'REASON_CODES',
  'REPORT_FILES',
  'UID_PATTERN',
  'auditEndpoints',
  'classifyUserAgent',
  'craftIdentity',
  'createLab',
  'createTarget',
  'evaluateGate',
  'isReasonCode',
  'loadGatePolicy',
  'loadReport',
  'loadScenario',
  'loadTargetFile',
  'mergeReports',
  'parseEmsExport',
  'parseGatePolicy',
  'parseGatewayOutput',
  'reasonForFortiosCode',
  'renderReports',
  'rootCaName',
  'writeReports',
];

test('public API: the engine exports exactly the public values', () => {
  assert.deepEqual(
    Object.keys(api)
      .filter((k) => k !== '__esModule')
      .sort(),
    [...PUBLIC_VALUES].sort(),
  );
  for (const name of PUBLIC_VALUES) assert.notEqual((api as Record<string, unknown>)[name], undefined, name);
});

test('public API: docs/public-api.md lists every public value', () => {
  const doc = readFileSync(packageFile('docs', 'public-api.md'), 'utf8');
  for (const name of PUBLIC_VALUES) assert.ok(doc.includes(`\`${name}`), `docs/public-api.md does not mention ${name}`);
});

test('public API: package.json exports the three entry points and its bin', () => {
  const manifest = JSON.parse(readFileSync(packageFile('package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports).sort(), ['.', './formatter', './package.json', './steps']);
  assert.equal(manifest.bin['ztna-harness'], 'bin/ztna-harness.js');
  assert.ok(
    !('ts-node' in manifest.dependencies) && !('typescript' in manifest.dependencies),
    'ts-node and typescript are for development only',
  );
});
