/** writeFortiosConfig: the samples written back read the same, and settings a version lacks are refused. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_CONFIGS } from '../../test/fixtures/fortios/probe-bench';
import { HarnessError } from '../errors';
import {
  formatFortiosVersion,
  hasFeature,
  parseLabFortiosVersion,
  VERSION_GATES,
  type VersionGateName,
} from '../gateway';
import type { FortiosModel } from './fortios-model';
import { mapFortiosConfig } from './map-config';
import { parseFortiosConfig } from './parse-config';
import { readFortiosConfig } from './read-config';
import { headerVersion, quoted, writeFortiosConfig } from './write-config';

const strip = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(strip)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'at' && k !== 'versionSource')
            .map(([k, v]) => [k, strip(v)]),
        )
      : value;

for (const [file, vdom] of SAMPLE_CONFIGS) {
  test(`write/sample-${file.replace('.conf', '')}`, () => {
    const { model } = mapFortiosConfig(readFortiosConfig(`scenarios/fortios/${file}`), { vdom });
    const again = mapFortiosConfig(parseFortiosConfig(writeFortiosConfig({ ...model, vdom: 'root' }), 'written.conf'));
    // A file without a header is the newest of 7.4; the header written names 7.4.2 (see headerVersion).
    assert.deepEqual(strip(again.model), strip({ ...model, vdom: 'root', version: headerVersion(model.version) }));
    assert.equal(again.model.versionSource, 'header', 'the written header carries the version');
  });
}

test('write/header-version-of-a-line', () => {
  const lines = { '7.0': '7.0.0', '7.2': '7.2.4', '7.4': '7.4.2', '7.6': '7.6.1', '7.2.3': '7.2.3' };
  for (const [lab, written] of Object.entries(lines)) {
    const version = parseLabFortiosVersion(lab);
    assert.equal(formatFortiosVersion(headerVersion(version)), written, lab);
    for (const gate of Object.keys(VERSION_GATES) as VersionGateName[])
      assert.equal(hasFeature(headerVersion(version), gate), hasFeature(version, gate), `${lab} ${gate}`);
  }
});

const base = (): FortiosModel => mapFortiosConfig(readFortiosConfig('scenarios/fortios/virtual-hosts.conf')).model;
const at72 = (model: FortiosModel): FortiosModel => ({ ...model, version: { major: 7, minor: 2, patch: 0 } });

const REFUSALS: readonly { name: string; model: () => FortiosModel; message: RegExp }[] = [
  {
    name: 'write/refuse/accept-unmanageable-7.2.0',
    model: () => at72(base()),
    message:
      /access-proxy "ZTNA-portal" cannot be written for FortiOS 7\.2\.0: empty-cert-action accept-unmanageable came with 7\.2\.1/,
  },
  {
    name: 'write/refuse/user-agent-detect-disable-7.2.0',
    model: () => {
      const m = at72(base());
      return {
        ...m,
        accessProxies: m.accessProxies.map((p) => ({ ...p, emptyCertAction: 'block', userAgentDetect: 'disable' })),
      };
    },
    message: /user-agent-detect came with 7\.2\.1/,
  },
  {
    name: 'write/refuse/negate-7.6.0',
    model: () => {
      const m = base();
      return {
        ...m,
        version: { major: 7, minor: 6, patch: 0 },
        proxyPolicies: m.proxyPolicies.map((p) => ({ ...p, ztnaEmsTagNegate: 'enable' })),
      };
    },
    message: /proxy-policy 1 cannot be written for FortiOS 7\.6\.0: ztna-ems-tag-negate came with 7\.6\.1/,
  },
];
for (const c of REFUSALS)
  test(c.name, () =>
    assert.throws(
      () => writeFortiosConfig(c.model()),
      (e: unknown) => e instanceof HarnessError && e.code === 'BAD_INPUT' && c.message.test(e.message),
    ),
  );

test('write/defaults-left-out-before-their-release', () => {
  const m = at72(base());
  const text = writeFortiosConfig({
    ...m,
    accessProxies: m.accessProxies.map((p) => ({ ...p, emptyCertAction: 'block' })),
  });
  assert.doesNotMatch(text, /user-agent-detect|ztna-ems-tag-negate/);
  assert.match(text, /^#config-version=FGVM64-7\.2\.0-FW-build0000-000000:/);
});

test('write/quoting', () => {
  assert.equal(quoted('a "b" \\c'), '"a \\"b\\" \\\\c"');
  const [word] = parseFortiosConfig(`config user group\nedit ${quoted('a "b" \\c')}\nnext\nend\n`, 'q.conf')
    .sections[0]!.entries;
  assert.equal(word!.name, 'a "b" \\c');
});
