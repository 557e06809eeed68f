/** The FortiOS configurations in scenarios/fortios/ parse cleanly, and `run` never takes them for labs. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { resolveRunInputs } from '../cli/run-paths';
import { packageFile } from '../package-root';
import type { ConfigSection, ConfigTree } from './config-tree';
import { readFortiosConfig } from './read-config';
import { selectVdom } from './select-vdom';

const SAMPLES = packageFile('scenarios', 'fortios');
const paths = (sections: readonly ConfigSection[]): string[] => sections.map((s) => s.path.join(' '));
const entriesOf = (sections: readonly ConfigSection[], path: string): string[] =>
  sections.filter((s) => s.path.join(' ') === path).flatMap((s) => s.entries.map((e) => e.name));

const CASES: readonly { name: string; file: string; check: (tree: ConfigTree) => void }[] = [
  {
    name: 'parse/sample-https-access-proxy',
    file: 'https-access-proxy.conf',
    check: (tree) => {
      assert.deepEqual(
        [tree.header?.model, tree.header?.version, tree.header?.build, tree.header?.fields.vdom],
        ['FGT60F', '7.2.5', 1517, '0'],
      );
      const { sections } = selectVdom(tree, 'root');
      assert.deepEqual(paths(sections), [
        'system global',
        'endpoint-control fctems',
        'firewall address',
        'firewall vip',
        'firewall access-proxy',
        'firewall proxy-policy',
      ]);
      assert.deepEqual(entriesOf(sections, 'firewall proxy-policy'), ['1', '2']);
    },
  },
  {
    name: 'parse/sample-basic-auth-groups',
    file: 'basic-auth-groups.conf',
    check: (tree) => {
      assert.equal(tree.header, undefined, 'written as `show` prints it');
      const group = tree.sections.find((s) => s.path.join(' ') === 'user group')!.entries[0]!;
      assert.deepEqual(
        group.sections[0]!.entries[0]!.settings.map((s) => s.values[0]),
        ['WIN2K16-LDAP', 'CN=Remote-Allowed,CN=Users,DC=KLHOME,DC=local'],
      );
      const ldap = tree.sections[0]!.entries[0]!;
      assert.deepEqual(ldap.settings.find((s) => s.key === 'username')?.values, ['KLHOME\\Administrator']);
    },
  },
  {
    name: 'parse/sample-virtual-hosts',
    file: 'virtual-hosts.conf',
    check: (tree) => {
      assert.deepEqual(entriesOf(tree.sections, 'firewall access-proxy-virtual-host'), [
        'intranet',
        'hr',
        'apps-wildcard',
      ]);
      const gateways = tree.sections.find((s) => s.path.join(' ') === 'firewall access-proxy')!.entries[0]!
        .sections[0]!;
      assert.deepEqual(
        gateways.entries.map((e) => e.settings.find((s) => s.key === 'virtual-host')?.values[0]),
        ['intranet', 'hr', 'apps-wildcard'],
      );
    },
  },
  {
    name: 'parse/sample-multi-vdom-backup-crlf',
    file: 'multi-vdom-backup.conf',
    check: (tree) => {
      assert.equal(tree.header?.fields.vdom, '1');
      const ztna = selectVdom(tree, 'ztna');
      assert.deepEqual(paths(ztna.global), ['system global', 'system interface']);
      assert.deepEqual(paths(ztna.sections), [
        'system settings',
        'endpoint-control fctems',
        'firewall address',
        'firewall vip',
        'firewall access-proxy',
        'firewall proxy-policy',
      ]);
      assert.deepEqual(paths(selectVdom(tree, 'root').sections), ['system settings', 'firewall address']);
      const policy = ztna.sections.find((s) => s.path.join(' ') === 'firewall proxy-policy')!;
      assert.equal(policy.entries[0]!.at.line, 92);
    },
  },
];

for (const { name, file, check } of CASES) test(name, () => check(readFortiosConfig(join(SAMPLES, file))));

test('samples/every-shipped-config-is-tested', () => {
  assert.deepEqual(
    readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.conf'))
      .sort(),
    CASES.map((c) => c.file).sort(),
  );
});

test('samples/multi-vdom-backup-keeps-crlf', () => {
  const bytes = readFileSync(join(SAMPLES, 'multi-vdom-backup.conf'), 'latin1');
  assert.equal(bytes.split('\r\n').length, bytes.split('\n').length, 'every line break is CRLF');
});

test('samples/run-takes-no-config-for-a-lab', () => {
  const { scenarios } = resolveRunInputs([], packageFile());
  assert.ok(scenarios.length > 0);
  assert.deepEqual(
    scenarios.filter((f) => !/\.ya?ml$/.test(f)),
    [],
  );
  assert.deepEqual(
    resolveRunInputs(['scenarios'], packageFile()).scenarios.filter((f) => !/\.ya?ml$/.test(f)),
    [],
  );
});

test('samples/run-takes-the-lab-of-every-config', () => {
  // `npm start` runs the YAML lab beside each configuration, and no target file as a lab.
  const { scenarios } = resolveRunInputs([], packageFile());
  const labs = scenarios
    .filter((f) => f.startsWith(`${join('scenarios', 'fortios')}${sep}`))
    .map((f) => f.replace(/\.yaml$/, ''));
  const configs = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.conf'))
    .map((f) => join('scenarios', 'fortios', f.replace(/\.conf$/, '')));
  assert.deepEqual(labs.sort(), configs.sort());
  assert.deepEqual(
    scenarios.filter((f) => f.includes('targets')),
    [],
  );
});
