/** selectVdom: the global sections and one VDOM's own, from a multi-VDOM backup or a single-VDOM config. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HarnessError } from '../errors';
import { parseFortiosConfig } from './parse-config';
import { selectVdom } from './select-vdom';

const MULTI = [
  'config vdom',
  'edit root',
  'next',
  'edit dmz',
  'next',
  'end',
  'config global',
  'config system global',
  'set vdom-mode multi-vdom',
  'end',
  'config system admin',
  'end',
  'end',
  'config vdom',
  'edit root',
  'config firewall address',
  'end',
  'next',
  'end',
  'config vdom',
  'edit dmz',
  'config firewall vip',
  'end',
  'config firewall proxy-policy',
  'end',
  'next',
  'end',
  'config vdom',
  'edit dmz',
  'config user group',
  'end',
  'next',
  'end',
].join('\n');
const SINGLE = 'config system global\nend\nconfig firewall vip\nend\n';

const paths = (sections: readonly { path: readonly string[] }[]): string[] => sections.map((s) => s.path.join(' '));

const CASES: readonly {
  name: string;
  text: string;
  vdom: string;
  global: string[];
  sections: string[];
  multiVdom: boolean;
}[] = [
  {
    name: 'vdom/multi-root',
    text: MULTI,
    vdom: 'root',
    global: ['system global', 'system admin'],
    sections: ['firewall address'],
    multiVdom: true,
  },
  {
    name: 'vdom/multi-blocks-joined-in-order',
    text: MULTI,
    vdom: 'dmz',
    global: ['system global', 'system admin'],
    sections: ['firewall vip', 'firewall proxy-policy', 'user group'],
    multiVdom: true,
  },
  {
    name: 'vdom/single-vdom-is-root',
    text: SINGLE,
    vdom: 'root',
    global: [],
    sections: ['system global', 'firewall vip'],
    multiVdom: false,
  },
];
for (const { name, text, vdom, global, sections, multiVdom } of CASES) {
  test(name, () => {
    const view = selectVdom(parseFortiosConfig(text, 'fgt.conf'), vdom);
    assert.deepEqual(
      [view.name, view.multiVdom, paths(view.global), paths(view.sections)],
      [vdom, multiVdom, global, sections],
    );
  });
}

const ERRORS: readonly { name: string; text: string; vdom: string; where: string; message: RegExp }[] = [
  {
    name: 'vdom/unknown-vdom',
    text: MULTI,
    vdom: 'prod',
    where: 'fgt.conf:1:1',
    message: /has no VDOM "prod"; its VDOMs are "root", "dmz"$/,
  },
  {
    name: 'vdom/no-vdoms-but-not-root',
    text: SINGLE,
    vdom: 'dmz',
    where: 'fgt.conf:1:1',
    message: /has no VDOMs \(no config vdom\), so it has only the root VDOM, not "dmz"$/,
  },
];
for (const { name, text, vdom, where, message } of ERRORS) {
  test(name, () => {
    assert.throws(
      () => selectVdom(parseFortiosConfig(text, 'fgt.conf'), vdom),
      (error: HarnessError) => error.code === 'BAD_INPUT' && error.where === where && message.test(error.message),
    );
  });
}
