import { resolve } from 'node:path';
import { badInput } from '../errors';
import {
  type ConfigTree,
  deriveChecks,
  fetchFortigateConfig,
  formatFortiosVersion,
  hostnameOf,
  keepAccessProxy,
  labYaml,
  type MappedConfig,
  mapFortiosConfig,
  parseFortiosConfig,
  readFortiosConfig,
} from '../fortios';
import { readRegularFile, writeFileAtomically } from '../input';
import { parseCommandArgs, positiveInt } from './args';
import { EXIT } from './cli-error';

/** Where a command prints; tests pass their own. */
type Out = { readonly stdout: { write(text: string): unknown } };

import { formatWarning } from './validate-command';

export const IMPORT_HELP = `Usage: ztna-harness import fortios FILE --out LAB.yaml [options]
       ztna-harness import fortios --fortigate https://HOST[:PORT] --out LAB.yaml [options]

Reads a FortiOS configuration (show, show full-configuration or a backup file) and writes a YAML
lab in FortiOS spelling: the EMS connector (fctems), VIPs, access proxies, virtual hosts,
addresses, ZTNA rules, users and groups of one VDOM, each under a comment naming its source
line; the lab's EMS with the serial the connector pins; and checks derived from the rules (what
the configuration decides today: edit them to what it should decide). See docs/fortios-config.md.

  --out FILE           the lab to write (replaced atomically)
  --vdom NAME          the VDOM to read (default root)
  --access-proxy NAME  keep only this ZTNA server (firewall access-proxy)
  --fortigate URL      fetch the configuration from a live FortiGate over its REST API
                       (the config backup); the API token comes from the environment variable
                       FORTIGATE_API_TOKEN, never from a flag or a file
  --ca FILE            PEM of the CA that signed the FortiGate's HTTPS certificate
  --insecure           do not verify the FortiGate's certificate (the output and the lab say so)
  --timeout SECONDS    bound on the whole fetch (default 60; connecting: at most 10)

Exit status: 0 written, 2 bad input (the message names file:line:column), an unreachable
FortiGate, a refused token (401), a missing right (403), a missing VDOM (404) or a timeout.
`;

/** `ztna-harness import fortios …` */
export async function importCommand(argv: string[], io: Out = process): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, {
    out: { type: 'string' },
    vdom: { type: 'string' },
    'access-proxy': { type: 'string' },
    fortigate: { type: 'string' },
    ca: { type: 'string' },
    insecure: { type: 'boolean' },
    timeout: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  const [kind, file, ...extra] = positionals;
  if (kind !== 'fortios')
    throw badInput(`import reads FortiOS configurations: ztna-harness import fortios FILE (see --help)`);
  const fortigate = values.fortigate as string | undefined;
  if ((file === undefined) === (fortigate === undefined) || extra.length > 0)
    throw badInput('import fortios takes one FILE or --fortigate URL (see ztna-harness import --help)');
  if (typeof values.out !== 'string') throw badInput('import fortios needs --out LAB.yaml');
  if (!fortigate && (values.ca || values.insecure || values.timeout))
    throw badInput('--ca, --insecure and --timeout go with --fortigate');
  const vdom = values.vdom as string | undefined;
  const read = fortigate
    ? await fetched(fortigate, values, vdom, io)
    : { tree: readFortiosConfig(file!), insecure: false };
  const source = fortigate ?? file!;
  const mapped = mapVdom(read.tree, vdom);
  const accessProxy = values['access-proxy'] as string | undefined;
  const model = accessProxy ? keepAccessProxy(mapped.model, accessProxy, source) : mapped.model;
  if (model.accessProxies.length === 0) {
    const vdoms = read.tree.sections
      .filter((s) => s.path.join(' ') === 'vdom')
      .flatMap((s) => s.entries.map((e) => e.name));
    const hint = vdoms.length > 0 ? `; its VDOMs are ${[...new Set(vdoms)].join(', ')}: choose one with --vdom` : '';
    throw badInput(`${source} (VDOM ${model.vdom}) configures no ZTNA server (firewall access-proxy) to import${hint}`);
  }
  const { checks, users } = deriveChecks(model);
  const gatewayName = hostnameOf(read.tree) ?? 'fgt-1';
  const text = labYaml({
    model,
    source,
    gatewayName,
    warnings: mapped.warnings,
    checks,
    users,
    insecure: read.insecure,
    leftOut: mapped.model.accessProxies.filter((p) => !model.accessProxies.includes(p)).map((p) => p.name),
  });
  writeOutputFile(values.out, text);
  for (const warning of mapped.warnings) io.stdout.write(`${formatWarning(warning)}\n`);
  io.stdout.write(
    `wrote ${values.out}: gateway ${gatewayName} (VDOM ${model.vdom}, FortiOS ${formatFortiosVersion(model.version)}), ${model.accessProxies.length} access proxies, ${model.proxyPolicies.length} ZTNA rules, ${checks.length} derived checks; ${mapped.warnings.length} unread ZTNA settings\n`,
  );
  return EXIT.ok;
}

/** The VDOM asked for; a VDOM-scoped backup that has no `config vdom` blocks is that VDOM's configuration. */
function mapVdom(tree: ConfigTree, vdom: string | undefined): MappedConfig {
  const multiVdom = tree.sections.some((s) => s.path.length === 1 && s.path[0] === 'vdom');
  if (vdom === undefined || multiVdom || vdom === 'root') return mapFortiosConfig(tree, vdom ? { vdom } : {});
  const mapped = mapFortiosConfig(tree);
  return { ...mapped, model: { ...mapped.model, vdom } };
}

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** The FortiGate's configuration over its REST API; the token is read here and nowhere else. */
async function fetched(url: string, values: Values, vdom: string | undefined, io: Out) {
  const token = process.env.FORTIGATE_API_TOKEN ?? '';
  const seconds = positiveInt(values.timeout as string | undefined, '--timeout');
  const ca =
    typeof values.ca === 'string'
      ? readRegularFile(values.ca, { what: 'CA certificate (PEM)', maxBytes: 1024 * 1024 }).toString('utf8')
      : undefined;
  const insecure = values.insecure === true;
  if (insecure)
    io.stdout.write(`insecure: TLS verification of ${url} is OFF (--insecure): the FortiGate is not authenticated\n`);
  const result = await fetchFortigateConfig(url, {
    token,
    ...(vdom ? { vdom } : {}),
    ...(ca ? { ca } : {}),
    insecure,
    ...(seconds ? { responseTimeoutMs: seconds * 1000, connectTimeoutMs: Math.min(seconds * 1000, 10_000) } : {}),
  });
  io.stdout.write(`fetched ${result.bytes} bytes of configuration from ${result.url} (${result.method})\n`);
  return { tree: parseFortiosConfig(result.text, url), insecure: result.insecure };
}

/** Writes `text` to `file` atomically; a folder that is not there or not writable is bad input, not a bug. */
export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileAtomically(resolve(file), text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw badInput(
        `cannot write ${file}: ${code === 'ENOENT' ? 'its folder does not exist' : code}`,
        undefined,
        error,
      );
    throw error;
  }
}
