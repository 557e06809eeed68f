import { badInput } from '../errors';
import { exportLab } from '../export';
import { createLab, loadScenario } from '../lab';
import { freshKeys } from '../pki';
import { parseCommandArgs, portNumber } from './args';
import { EXIT } from './cli-error';

export const EXPORT_HELP = `Usage: ztna-harness export --scenario FILE --out DIR [--gateway NAME] [--port N] [--follow-symlinks]

Builds the lab of a scenario file and writes what a real proxy needs to enforce one of its
access proxies: ca-bundle.pem, crl.pem, records.map, identities/<endpoint>.crt|.key (keys 0600),
server.crt|.key, server-ca.pem, nginx.conf, haproxy.cfg and a README.md saying how to load them.

  --scenario FILE  the YAML lab
  --out DIR        the folder to write (created if missing)
  --gateway NAME   which access proxy (default: the first)
  --port N         the port the generated configs listen on (1-65535, default 8443)
  --follow-symlinks  write even if --out is a symbolic link (refused otherwise: the export
                   holds private keys)

The lab's clock starts at the current time, so that real proxies accept its certificates.
`;

/** `ztna-harness export` */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('export', argv, {
    scenario: { type: 'string' },
    out: { type: 'string' },
    gateway: { type: 'string' },
    port: { type: 'string' },
    'follow-symlinks': { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (typeof values.scenario !== 'string' || typeof values.out !== 'string')
    throw badInput('export needs --scenario FILE and --out DIR (see ztna-harness export --help)');
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
