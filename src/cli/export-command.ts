import { badInput } from '../errors';
import { exportLab } from '../export';
import { formatFortiosVersion, labGatewayModel, writeFortiosConfig } from '../fortios';
import { createLab, loadScenario, type Scenario } from '../lab';
import { freshKeys } from '../pki';
import { parseCommandArgs, portNumber } from './args';
import { EXIT } from './cli-error';
import { writeOutputFile } from './import-command';

export const EXPORT_HELP = `Usage: ztna-harness export --scenario FILE --out DIR [--gateway NAME] [--port N] [--follow-symlinks]
       ztna-harness export --format fortios --scenario FILE --out FILE.conf [--gateway NAME]

Builds the lab of a scenario file and writes what a real proxy needs to enforce one of its
access proxies: ca-bundle.pem, crl.pem, records.map, identities/<endpoint>.crt|.key (keys 0600),
server.crt|.key, server-ca.pem, nginx.conf, haproxy.cfg and a README.md saying how to load them.

With --format fortios it writes the access proxy as FortiOS CLI configuration for the lab's
fortios-version instead: the EMS connector (fctems, pinned to the lab EMS's serial), VIPs, access
proxies with their API gateways, virtual hosts, addresses (a dynamic EMS-tag address per tag a
rule names), ZTNA rules (proxy-policy), the lab's users as local users and their user groups —
text an administrator can paste into a lab FortiGate (set the users' passwords there).

  --format F       proxies (default: the files above) or fortios
  --scenario FILE  the YAML lab
  --out DIR        the folder to write (created if missing)
  --gateway NAME   which access proxy (default: the first)
  --port N         the port the generated configs listen on (1-65535, default 8443)
  --follow-symlinks  write even if --out is a symbolic link (refused otherwise: the export
                   holds private keys)

The lab's clock starts at the current time, so that real proxies accept its certificates.
`;

/** `ztna-harness export` */
export async function exportCommand(
  argv: string[],
  io: { readonly stdout: { write(text: string): unknown } } = process,
): Promise<number> {
  const { values } = parseCommandArgs('export', argv, {
    scenario: { type: 'string' },
    out: { type: 'string' },
    gateway: { type: 'string' },
    port: { type: 'string' },
    'follow-symlinks': { type: 'boolean' },
    format: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (typeof values.scenario !== 'string' || typeof values.out !== 'string')
    throw badInput('export needs --scenario FILE and --out DIR (see ztna-harness export --help)');
  const format = (values.format as string | undefined) ?? 'proxies';
  if (format !== 'proxies' && format !== 'fortios')
    throw badInput(`export --format takes proxies or fortios, not ${JSON.stringify(format)}`);
  if (format === 'fortios') {
    if (values.port !== undefined || values['follow-symlinks'])
      throw badInput('--port and --follow-symlinks do not go with --format fortios');
    return exportFortios(loadScenario(values.scenario), values.out, values.gateway as string | undefined, io);
  }
  const port = portNumber(values.port as string | undefined, '--port');
  const scenario = loadScenario(values.scenario);
  const lab = await createLab({ ...scenario.spec, clockStart: Date.now() }, { keys: freshKeys() }); // its keys leave the process
  const model = await exportLab(lab, values.out, {
    gateway: values.gateway as string | undefined,
    port,
    followSymlinks: values['follow-symlinks'] === true,
  });
  lab.close();
  process.stdout.write(
    `wrote the export of access proxy "${model.gateway}" to ${values.out} (${model.records.length} records, ${model.roots.length} trusted roots); see ${values.out}/README.md\n`,
  );
  return EXIT.ok;
}

/** The lab's access proxy as FortiOS configuration text, written atomically to `out`. */
async function exportFortios(
  scenario: Scenario,
  out: string,
  gatewayName: string | undefined,
  io: { readonly stdout: { write(text: string): unknown } },
): Promise<number> {
  // Endpoints are left out: their keys and certificates have no part in the configuration.
  const lab = await createLab({ ...scenario.spec, endpoints: [] });
  try {
    const gateway = lab.gateway(gatewayName);
    const gatewaySpec = scenario.spec.gateways?.find((g) => g.name === gateway.name);
    const link = scenario.spec.links?.find((l) => l.gateway === gateway.name);
    const c = link?.connector;
    const model = labGatewayModel({
      objects: gateway.objects,
      users: gatewaySpec?.users,
      connector: {
        emsId: 1,
        name: c?.name ?? 'ems1',
        status: c?.status ?? 'enable',
        server: c?.server ?? scenario.spec.ems?.hostName ?? 'ems.lab.internal',
        serialNumber: c?.serialNumber ?? lab.ems.serial,
        ...(c?.tenantId ? { tenantId: c.tenantId } : {}),
        trustCaCn: c?.trustCaCn ?? 'enable',
        ...(c?.verifyingCa ? { verifyingCa: c.verifyingCa } : {}),
        outOfSyncThreshold: Math.round((link?.outOfSyncThresholdMs ?? 180_000) / 1000),
      },
    });
    writeOutputFile(out, writeFortiosConfig(model));
    io.stdout.write(
      `wrote access proxy "${gateway.name}" as FortiOS ${formatFortiosVersion(model.version)} configuration to ${out} (${model.accessProxies.length} access proxies, ${model.proxyPolicies.length} ZTNA rules, EMS serial ${model.emsConnectors[0]?.serialNumber ?? 'not pinned'})\n`,
    );
    return EXIT.ok;
  } finally {
    lab.close();
  }
}
