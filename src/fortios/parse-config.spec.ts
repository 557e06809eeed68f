/** The FortiOS configuration parser: the tree it builds and the errors it gives, with file:line:col. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import type { ConfigBody, ConfigSection } from './config-tree';
import { MAX_CONFIG_DEPTH, parseFortiosConfig } from './parse-config';

const FILE = 'fgt.conf';
const parse = (text: string) => parseFortiosConfig(text, FILE);
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** `path` = a section's path words, then entry names, e.g. ['firewall vip', 'web', …]. */
function settingsOf(body: ConfigBody): Record<string, readonly string[]> {
  return Object.fromEntries(body.settings.map((s) => [s.key, s.kind === 'unset' ? ['<unset>'] : s.values]));
}
const section = (sections: readonly ConfigSection[], path: string): ConfigSection =>
  sections.find((s) => s.path.join(' ') === path) ??
  assert.fail(`no config ${path} in ${sections.map((s) => s.path.join(' ')).join(', ')}`);

const VIP = lines(
  'config firewall vip',
  '    edit "ZTNA-webserver"',
  '        set type access-proxy',
  '        set extip 10.0.3.10',
  '        set extintf "port3"',
  '        set server-type https',
  '        set extport 9443',
  '        set ssl-certificate "Fortinet_SSL"',
  '    next',
  'end',
);

interface TreeCase {
  readonly name: string;
  readonly text: string;
  readonly check: (tree: ReturnType<typeof parse>) => void;
}

const TREES: readonly TreeCase[] = [
  {
    name: 'parse/show-output-table',
    text: VIP,
    check: (tree) => {
      assert.equal(tree.header, undefined, '`show` output has no header');
      const vip = section(tree.sections, 'firewall vip');
      assert.deepEqual(vip.at, { file: FILE, line: 1, column: 1 });
      assert.equal(vip.entries.length, 1);
      const entry = vip.entries[0]!;
      assert.equal(entry.name, 'ZTNA-webserver');
      assert.deepEqual(entry.at, { file: FILE, line: 2, column: 5 });
      assert.deepEqual(settingsOf(entry), {
        type: ['access-proxy'],
        extip: ['10.0.3.10'],
        extintf: ['port3'],
        'server-type': ['https'],
        extport: ['9443'],
        'ssl-certificate': ['Fortinet_SSL'],
      });
      assert.deepEqual(entry.settings[2]!.at, { file: FILE, line: 5, column: 9 });
    },
  },
  {
    name: 'parse/backup-header',
    text: `#config-version=FG100F-7.2.5-FW-build1517-230228:opmode=0:vdom=0:user=admin\n#conf_file_ver=187338243553926\n#buildno=1517\n#global_vdom=1\n${VIP}`,
    check: (tree) => {
      assert.deepEqual(tree.header, {
        model: 'FG100F',
        version: '7.2.5',
        image: 'FW',
        build: 1517,
        date: '230228',
        fields: {
          opmode: '0',
          vdom: '0',
          user: 'admin',
          conf_file_ver: '187338243553926',
          buildno: '1517',
          global_vdom: '1',
        },
        at: { file: FILE, line: 1, column: 1 },
      });
      assert.deepEqual(section(tree.sections, 'firewall vip').at, { file: FILE, line: 5, column: 1 });
    },
  },
  {
    name: 'parse/header-model-with-dashes',
    text: `#config-version=FGVM64-KVM-7.4.3-FW-build2573-240201:opmode=1:vdom=1\n${VIP}`,
    check: (tree) =>
      assert.deepEqual([tree.header?.model, tree.header?.version, tree.header?.build], ['FGVM64-KVM', '7.4.3', 2573]),
  },
  {
    name: 'parse/nested-config-inside-edit',
    text: lines(
      'config firewall access-proxy',
      '    edit "ZTNA-webserver"',
      '        set vip "ZTNA-webserver"',
      '        config api-gateway',
      '            edit 1',
      '                set service https',
      '                config realservers',
      '                    edit 1',
      '                        set ip 10.88.0.3',
      '                    next',
      '                end',
      '            next',
      '        end',
      '    next',
      'end',
    ),
    check: (tree) => {
      const proxy = section(tree.sections, 'firewall access-proxy').entries[0]!;
      assert.deepEqual(settingsOf(proxy), { vip: ['ZTNA-webserver'] });
      const gateway = section(proxy.sections, 'api-gateway');
      assert.deepEqual(gateway.at, { file: FILE, line: 4, column: 9 });
      const real = section(gateway.entries[0]!.sections, 'realservers').entries[0]!;
      assert.deepEqual(
        [real.name, settingsOf(real), real.at.line, real.at.column],
        ['1', { ip: ['10.88.0.3'] }, 8, 21],
      );
    },
  },
  {
    name: 'parse/quotes-and-escapes',
    text: lines(
      'config system replacemsg-group',
      '    edit "a \\"quoted\\" name"',
      `        set comment 'single \\' quote' "back\\\\slash" spaced\\ word ""`,
      '    next',
      'end',
    ),
    check: (tree) => {
      const entry = section(tree.sections, 'system replacemsg-group').entries[0]!;
      assert.equal(entry.name, 'a "quoted" name');
      assert.deepEqual(entry.settings[0]!.values, ["single ' quote", 'back\\slash', 'spaced word', '']);
    },
  },
  {
    name: 'parse/multi-value-set',
    text: lines(
      'config firewall proxy-policy',
      '    edit 1',
      '        set srcaddr "all" "corp-lan"',
      '        set ztna-ems-tag "EMS1_ZTNA_Domain-Users" "EMS1_ZTNA_HR"',
      '    next',
      'end',
    ),
    check: (tree) =>
      assert.deepEqual(settingsOf(section(tree.sections, 'firewall proxy-policy').entries[0]!), {
        srcaddr: ['all', 'corp-lan'],
        'ztna-ems-tag': ['EMS1_ZTNA_Domain-Users', 'EMS1_ZTNA_HR'],
      }),
  },
  {
    name: 'parse/unset-and-single-object',
    text: lines('config system global', '    set hostname "FGT-A"', '    unset admin-sport', 'end'),
    check: (tree) => {
      const global = section(tree.sections, 'system global');
      assert.equal(global.entries.length, 0);
      assert.deepEqual(settingsOf(global), { hostname: ['FGT-A'], 'admin-sport': ['<unset>'] });
    },
  },
  {
    name: 'parse/comments-skipped',
    text: lines(
      '# exported for review',
      'config firewall address',
      '    # a comment inside',
      '    edit "all"',
      '    next',
      'end',
      '# trailer',
    ),
    check: (tree) =>
      assert.deepEqual(
        section(tree.sections, 'firewall address').entries.map((e) => [e.name, e.at.line]),
        [['all', 4]],
      ),
  },
  {
    name: 'parse/crlf-line-breaks',
    text: VIP.replace(/\n/g, '\r\n'),
    check: (tree) => {
      const crlf = JSON.stringify(tree.sections);
      assert.equal(crlf, JSON.stringify(parse(VIP).sections), 'CRLF gives the same tree, lines and columns as LF');
    },
  },
  {
    name: 'parse/quoted-value-across-lines',
    text: lines(
      'config vpn certificate local',
      '    edit "web-cert"',
      '        set certificate "-----BEGIN CERTIFICATE-----',
      'MIIB',
      '-----END CERTIFICATE-----"',
      '        set source user',
      '    next',
      'end',
    ),
    check: (tree) => {
      const entry = section(tree.sections, 'vpn certificate local').entries[0]!;
      assert.deepEqual(entry.settings[0]!.values, ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----']);
      assert.equal(entry.settings[1]!.at.line, 6, 'lines after a multi-line value keep their numbers');
    },
  },
  {
    name: 'parse/line-continuation',
    text: lines(
      'config firewall addrgrp',
      '    edit "web"',
      '        set member "a" \\',
      '            "b"',
      '    next',
      'end',
    ),
    check: (tree) =>
      assert.deepEqual(section(tree.sections, 'firewall addrgrp').entries[0]!.settings[0]!.values, ['a', 'b']),
  },
  {
    name: 'parse/end-inside-edit-closes-both',
    text: lines(
      'config firewall address',
      '    edit "a"',
      '        set subnet 10.0.0.0 255.0.0.0',
      'end',
      'config firewall addrgrp',
      'end',
    ),
    check: (tree) =>
      assert.deepEqual(
        tree.sections.map((s) => s.path.join(' ')),
        ['firewall address', 'firewall addrgrp'],
      ),
  },
  {
    name: 'parse/byte-order-mark-and-tabs',
    text: `\ufeffconfig firewall address\n\tedit "a"\n\tnext\nend`,
    check: (tree) =>
      assert.deepEqual(section(tree.sections, 'firewall address').entries[0]!.at, { file: FILE, line: 2, column: 2 }),
  },
  {
    name: 'parse/empty-file',
    text: '',
    check: (tree) => assert.deepEqual(tree.sections, []),
  },
];

for (const { name, text, check } of TREES) test(name, () => check(parse(text)));

interface ErrorCase {
  readonly name: string;
  readonly text: string;
  readonly where: string;
  readonly message: RegExp;
}

const deep = (levels: number): string => `${'config a\n'.repeat(levels)}${'end\n'.repeat(levels)}`;

const ERRORS: readonly ErrorCase[] = [
  {
    name: 'parse/error/unbalanced-end',
    text: `${VIP}end\n`,
    where: `${FILE}:11:1`,
    message: /^unbalanced end: no config block is open here$/,
  },
  {
    name: 'parse/error/edit-outside-config',
    text: 'edit 1\nnext\n',
    where: `${FILE}:1:1`,
    message: /^edit outside config: an edit belongs inside a config block$/,
  },
  {
    name: 'parse/error/edit-inside-edit',
    text: 'config firewall vip\n  edit a\n  edit b\n',
    where: `${FILE}:3:3`,
    message: /edit "a" \(line 2\) is still open; expected next before this edit/,
  },
  {
    name: 'parse/error/next-outside-edit',
    text: 'config system global\n  next\nend\n',
    where: `${FILE}:2:3`,
    message: /^next outside edit: config system global \(line 1\) has no open edit to close$/,
  },
  {
    name: 'parse/error/next-at-top',
    text: 'next\n',
    where: `${FILE}:1:1`,
    message: /^next outside edit: the top level/,
  },
  {
    name: 'parse/error/unterminated-double-quote',
    text: 'config system global\n  set hostname "FGT\nend\n',
    where: `${FILE}:2:16`,
    message: /^unterminated quote: the double quote opened here is never closed$/,
  },
  {
    name: 'parse/error/unterminated-single-quote',
    text: "config system global\n  set hostname 'FGT\\'\nend\n",
    where: `${FILE}:2:16`,
    message: /single quote/,
  },
  {
    name: 'parse/error/missing-end',
    text: 'config firewall vip\n  edit a\n  next\n',
    where: `${FILE}:1:1`,
    message: /^config firewall vip is never closed: the file ends with 1 end missing$/,
  },
  { name: 'parse/error/set-at-top', text: 'set hostname x\n', where: `${FILE}:1:1`, message: /^set outside config/ },
  {
    name: 'parse/error/unknown-command',
    text: 'config system global\n  sett hostname x\nend\n',
    where: `${FILE}:2:3`,
    message: /^unknown command "sett": a FortiOS configuration line starts with config, edit, set, unset, next or end$/,
  },
  {
    name: 'parse/error/edit-two-names',
    text: 'config firewall vip\n  edit web server\n',
    where: `${FILE}:2:12`,
    message: /^edit takes one name, not 2/,
  },
  {
    name: 'parse/error/config-without-name',
    text: 'config\nend\n',
    where: `${FILE}:1:1`,
    message: /^config needs the name/,
  },
  {
    name: 'parse/error/words-after-end',
    text: 'config a\nend now\n',
    where: `${FILE}:2:5`,
    message: /^end takes nothing after it; "now" follows it$/,
  },
  {
    name: 'parse/error/bad-header',
    text: `#config-version=not-a-version:opmode=0\n${VIP}`,
    where: `${FILE}:1:17`,
    message: /MODEL-VERSION-FW-buildNNNN-YYMMDD/,
  },
  {
    name: 'parse/error/nul-byte',
    text: 'config a\n  set x "a\0b"\nend\n',
    where: `${FILE}:2:11`,
    message: /U\+0000 \(a binary file\?\)/,
  },
  {
    name: 'parse/error/escape-character',
    text: 'config a\n  set x \x1b[2J\nend\n',
    where: `${FILE}:2:9`,
    message: /U\+001B/,
  },
  { name: 'parse/error/cr-only-line-breaks', text: 'config a\rend\r', where: `${FILE}:1:9`, message: /CR alone/ },
  {
    name: 'parse/error/too-deep',
    text: deep(MAX_CONFIG_DEPTH + 1),
    where: `${FILE}:${MAX_CONFIG_DEPTH + 1}:1`,
    message: new RegExp(`nest more than ${MAX_CONFIG_DEPTH} levels`),
  },
];

for (const { name, text, where, message } of ERRORS) {
  test(name, () => {
    assert.throws(
      () => parse(text),
      (error: unknown) => {
        assert.ok(error instanceof HarnessError, String(error));
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.where, where, error.message);
        assert.match(error.message, message);
        return true;
      },
    );
  });
}

test('parse/deepest-allowed-nesting', () => {
  let sections = parse(deep(MAX_CONFIG_DEPTH)).sections;
  for (let level = 1; level < MAX_CONFIG_DEPTH; level++) sections = sections[0]!.sections;
  assert.equal(sections.length, 1);
  assert.equal(sections[0]!.at.line, MAX_CONFIG_DEPTH);
});
