import { badInput } from '../errors';
import { exportLab, proxyTlsOf } from '../export';
import { createLab, loadScenario } from '../lab';
import { freshKeys, privateKeyPem } from '../pki';
import { adminActionUsage, startAdminApi, startReferenceProxy } from '../server';
import { assertAdminToken } from '../server/admin-api';
import { parseCommandArgs, portNumber } from './args';
import { EXIT } from './cli-error';

export const SERVE_HELP = `Usage: ztna-harness serve --scenario FILE [--port N] [--admin-port N] [--gateway NAME]
                         [--upstream URL] [--export DIR]

Runs the reference access proxy: real TLS around the engine's decision for one access proxy of
the lab. Every client is asked for a certificate; a denied request gets 403 with X-ZTNA-Reason,
X-ZTNA-FortiOS-Code and a JSON body; an allowed one goes to --upstream, or gets 200 with the
decision as JSON.

The admin interface (loopback only, its own port) takes the lab's admin actions:
${adminActionUsage()
  .map((line) => `  ${line}`)
  .join('\n')}
  GET  /admin/status
Every call needs "Authorization: Bearer TOKEN": the token is ZTNA_HARNESS_ADMIN_TOKEN (at least
16 characters; an empty or shorter one is refused), or a random one printed at start.
A port in use, or outside 1-65535, is bad input (exit 2).

  --export DIR   write identities (keys 0600) and the proxy's CA for curl and openssl s_client,
                 and rewrite them after every admin action
`;

/** `ztna-harness serve` */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, {
    scenario: { type: 'string' },
    port: { type: 'string' },
    'admin-port': { type: 'string' },
    gateway: { type: 'string' },
    upstream: { type: 'string' },
    export: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  if (typeof values.scenario !== 'string')
    throw badInput('serve needs --scenario FILE (see ztna-harness serve --help)');
  const envToken = process.env.ZTNA_HARNESS_ADMIN_TOKEN;
  assertAdminToken(envToken, 'ZTNA_HARNESS_ADMIN_TOKEN');
  const port = portNumber(values.port as string | undefined, '--port') ?? 8443;
  const adminPort = portNumber(values['admin-port'] as string | undefined, '--admin-port');
  const lab = await createLab({ ...loadScenario(values.scenario).spec, clockStart: Date.now() }, { keys: freshKeys() }); // its keys leave the process
  const gateway = lab.gateway(values.gateway as string | undefined);
  const tls = await proxyTlsOf(lab);
  const exportDir = values.export as string | undefined;
  const refresh = async () => void (exportDir && (await exportLab(lab, exportDir, { gateway: gateway.name })));
  await refresh();
  const proxy = await listening('--port', port, lab, () =>
    startReferenceProxy({
      decide: (request) => gateway.decide(request),
      cert: tls.server.certificate.pem,
      key: privateKeyPem(tls.server.key),
      port,
      upstream: values.upstream as string | undefined,
    }),
  );
  const admin = await listening(
    '--admin-port',
    adminPort,
    lab,
    () => startAdminApi({ lab, port: adminPort, token: envToken, afterChange: refresh }),
    proxy,
  );
  process.stdout.write(
    `reference access proxy "${gateway.name}" on ${proxy.url}\n` +
      `admin interface on ${admin.url} (loopback only)\n` +
      (envToken ? 'admin token: from ZTNA_HARNESS_ADMIN_TOKEN\n' : `admin token: ${admin.token}\n`) +
      (exportDir ? `identities and server-ca.pem in ${exportDir}\n` : ''),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await Promise.all([proxy.close(), admin.close()]);
  lab.close();
  return EXIT.ok;
}

/** Starts a listener; a port in use (or not allowed) is bad input naming the option, and what was started is closed. */
async function listening<T>(
  option: string,
  port: number | undefined,
  lab: { close(): void },
  start: () => Promise<T>,
  started?: { close(): Promise<void> },
): Promise<T> {
  try {
    return await start();
  } catch (cause) {
    await started?.close();
    lab.close();
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw badInput(
        `${option} ${port}: the port is in use (another process listens on 127.0.0.1:${port})`,
        undefined,
        cause,
      );
    if (code === 'EACCES')
      throw badInput(
        `${option} ${port}: not allowed to listen on this port (ports below 1024 need privileges)`,
        undefined,
        cause,
      );
    throw cause;
  }
}
