import { badInput } from '../errors';
import type { ConfigComment } from './config-lexer';
import type { ConfigHeader } from './config-tree';

/**
 * `#config-version=FG100F-7.0.0-FW-build0236-220718:opmode=0:vdom=0:user=admin`: model, FortiOS
 * version, image kind, build and build date, then `:key=value` fields
 * (https://hackfaqs.com/fortigate-backup-field-header; backups as in
 * https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/702257).
 */
const CONFIG_VERSION =
  /^(?<model>[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*?)-(?<version>\d+\.\d+\.\d+)-(?<image>[A-Z]+)-build(?<build>\d{1,5})-(?<date>\d{6})$/;

/** `#key=value` lines that follow the header in a backup (`#conf_file_ver=…`, `#buildno=…`, `#global_vdom=1`). */
const FIELD_LINE = /^(?<key>[a-z_]+)=(?<value>[^\s]*)$/;

/**
 * The header of a backup from its leading comment lines, or undefined when the file has none
 * (`show` output). A `#config-version=` line that does not read as one is an error: the version
 * in it decides which FortiOS behaviour a lab gets.
 */
export function parseHeader(leading: readonly ConfigComment[]): ConfigHeader | undefined {
  const first = leading[0];
  if (!first?.text.startsWith('config-version=')) return undefined;
  const [versionPart, ...rest] = first.text.slice('config-version='.length).split(':');
  const match = CONFIG_VERSION.exec(versionPart!);
  if (!match?.groups) {
    throw badInput(
      'the #config-version header does not read as MODEL-VERSION-FW-buildNNNN-YYMMDD (e.g. FG100F-7.2.5-FW-build1517-230228)',
      { ...first.at, column: first.at.column + '#config-version='.length },
    );
  }
  const fields: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  for (const comment of leading.slice(1)) {
    const field = FIELD_LINE.exec(comment.text)?.groups;
    if (field) fields[field.key!] = field.value!;
  }
  const { model, version, image, build, date } = match.groups as Record<string, string>;
  return { model: model!, version: version!, image: image!, build: Number(build), date: date!, fields, at: first.at };
}
