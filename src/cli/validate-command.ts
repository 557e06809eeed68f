import { extname } from 'node:path';
import { type IgnoredKey, mapFortiosConfig, readFortiosConfig, selectVdom } from '../fortios';
import { formatFortiosVersion } from '../gateway';
import { MAX_BYTES, readRegularFile } from '../input';
import { loadScenario } from '../lab';
import { loadTargetFile } from '../target';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';

export const VALIDATE_HELP = `Usage: ztna-harness validate FILE...

Checks scenario files (YAML labs) against schemas/scenario.schema.json and their references
(endpoint, gateway and site names), and target files (those with a top-level "url:" or "identities:"
key) against schemas/target.schema.json, and FortiOS configuration files (.conf, or text that
starts with #config-version or config) by parsing and mapping every VDOM's ZTNA objects, without
running anything. ZTNA-relevant settings the harness does not read are listed as warnings.

Exit status: 0 all valid, 2 a file is invalid (the message names file:line:column).
`;

/** `ztna-harness validate FILE…` */
export async function validateCommand(
  argv: string[],
  io: { readonly stdout: { write(text: string): unknown } } = process,
): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, {});
  if (values.help) {
    process.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    process.stderr.write(`ztna-harness: validate needs at least one file\n${VALIDATE_HELP}`);
    return EXIT.badInput;
  }
  let status: number = EXIT.ok;
  for (const file of positionals) {
    try {
      io.stdout.write(`${file}: ${describe(file)}\n`);
    } catch (error) {
      status = Math.max(status, reportError(error));
    }
  }
  return status;
}

/** Validates one file as a target file or a scenario file and says what it holds. */
function describe(file: string): string {
  let text = '';
  try {
    // Only a regular file is peeked at (a FIFO would block, /dev/zero never end); the loaders
    // below refuse anything else with a clear message.
    text = readRegularFile(file, { what: 'YAML', maxBytes: MAX_BYTES.yaml }).toString('latin1');
  } catch {
    // the loaders below report an unreadable file with its reason
  }
  if (extname(file) === '.conf' || /^(#config-version=|config )/.test(text.replace(/^\ufeff/, '')))
    return fortiosConfig(file);
  if (/^(identities|url):/m.test(text)) {
    const target = loadTargetFile(file);
    return `valid target (${target.identities} identities, ${target.url}${target.insecure ? ', TLS verification OFF' : ''})`;
  }
  const scenario = loadScenario(file);
  return `valid (${scenario.spec.endpoints?.length ?? 0} endpoints, ${scenario.checks.length} checks)`;
}

/** A FortiOS configuration: parsed, and each VDOM (root without VDOMs) mapped; unread ZTNA settings as warnings. */
function fortiosConfig(file: string): string {
  const tree = readFortiosConfig(file);
  const vdoms = tree.sections.filter((s) => s.path.length === 1 && s.path[0] === 'vdom').flatMap((s) => s.entries);
  const names = vdoms.length === 0 ? ['root'] : [...new Set(vdoms.map((e) => e.name))];
  const parts: string[] = [];
  const warnings: string[] = [];
  for (const vdom of names) {
    // A VDOM with no sections of its own (declared only) has nothing to map.
    if (vdoms.length > 0 && selectVdom(tree, vdom).sections.length === 0) continue;
    const { model, warnings: unread } = mapFortiosConfig(tree, { vdom });
    parts.push(
      `VDOM ${vdom}: ${model.accessProxies.length} access proxies, ${model.proxyPolicies.length} ZTNA rules, ${model.emsConnectors.length} EMS connectors`,
    );
    warnings.push(...unread.map(formatWarning));
    if (parts.length === 1) parts[0] = `FortiOS ${formatFortiosVersion(model.version)}; ${parts[0]}`;
  }
  const summary = `valid FortiOS configuration (${parts.join('; ')}; ${warnings.length} unread ZTNA settings)`;
  return [summary, ...warnings.map((w) => `  ${w}`)].join('\n');
}

/** One unread ZTNA setting, as file:line:col: warning: … */
export const formatWarning = (w: IgnoredKey): string =>
  `${w.at.file}:${w.at.line}:${w.at.column}: warning: ${w.key === `config ${w.section}` ? `config ${w.section} is not read` : `${w.section}: ${w.key} is not read`} by the harness (ZTNA-relevant)`;
