import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmsExport } from '../audit';
import { auditEndpoints, parseEmsExport, parseGatewayFile } from '../audit';
import { auditReport } from '../audit/audit-report';
import { collectFleet, type DeviceOutcome } from '../audit/collect/collect-fleet';
import { type GatewaySpec, parseGatewayList, withSites } from '../audit/collect/gateway-list';
import { type LiveAudit, liveAudit } from '../audit/collect/live-audit';
import { hostKeyPolicy, SSH_ENV, sshAuth } from '../audit/collect/ssh-setup';
import { isSshUrl, parseSshUrl } from '../audit/collect/ssh-url';
import { applyWaivers, loadCatalog, loadGatePolicy, printable, writeReports } from '../compliance';
import { badInput } from '../errors';
import { KINDS, readTextFile } from '../input';
import { emsSerial, parseCommandArgs, positiveInt } from './args';
import { EXIT } from './cli-error';

export const AUDIT_HELP = `Usage: ztna-harness audit --gateway FILE|ssh://USER@HOST[:PORT] [--site NAME...] [--gateway ...]
                         [--gateways-from FILE] [--ems FILE]
                         [--expect-ems-serial FCTEMS…] [--expect-tenant ID]
                         [--policy FILE] [--reports DIR]

Reads what FortiGate prints and what EMS exports, and reports what does not match, through the
same reports (compliance.json/.html/.md, junit.xml) and gate as a feature run.

  --gateway FILE   output of "diagnose endpoint record list" (FortiOS up to 7.4.1),
                   "diagnose endpoint ec-shm list" (7.4.2+), "diagnose test application
                   fcnacd 7" or "diagnose wad dev query-by uid"; the format is detected. A file
                   may hold several commands' outputs, each after its prompt line; the output
                   of any other command is refused. Outputs whose prompt names the same host
                   (and VDOM) are one FortiGate and are audited together.
  --gateway ssh://USER@HOST[:PORT]
                   collect from the FortiGate over SSH: "get system status", then the endpoint
                   list its version prints; the output is kept in DIR/collected/HOST/ with its
                   sha256 in the report and audited as a file would be
  --site NAME      after a --gateway: an EMS site that gateway serves (repeatable). Without it
                   a gateway serves the sites its records show (by EMS tenant id, UID or SN)
  --gateways-from FILE   one ssh:// URL or dump path a line (relative to FILE's folder), each
                   optionally followed by --site NAME; # starts a comment
  --ems FILE       EMS endpoint export: CSV with the header
                   uid,host_name,site,cert_sn,registration_status (extra columns ignored,
                   tenant_id read when present, any order) or a JSON array of such objects
  --expect-ems-serial, --expect-tenant   the EMS serial and tenant id records must carry
  --policy FILE    a gate policy whose waivers apply to the findings
  --reports DIR    where the reports go (default: reports)

Collecting over SSH (see docs/live-audit.md for a read-only administrator profile):
  --ssh-key FILE   private key (mode 600); its passphrase comes from ${SSH_ENV.passphrase}.
                   Without a key the password comes from ${SSH_ENV.password}.
                   Secrets are never taken from a flag.
  --known-hosts FILE   host keys to trust (default ~/.ssh/known_hosts; hashed entries and
                   [host]:port read). An unknown or changed host key refuses the device (exit 2)
  --accept-host-key SHA256:…   trust this host key fingerprint as well (repeatable)
  --vdom NAME      enter the VDOM (config vdom / edit NAME) before each diagnose command
  --fcnacd         also collect "diagnose test application fcnacd 7"
  --concurrency N  devices collected at once (default 4)
  --connect-timeout S, --auth-timeout S, --command-timeout S   limits (default 10, 10, 120)

Findings have a severity (high: device not collected, SN mismatch, record missing,
unregistered but present, duplicate UID, unexpected EMS serial or tenant; medium: all-zero SN,
out of sync; low and info: incomplete evidence, offline endpoints) and a control id.
Exit status: 0 nothing high or above, 1 something high or above (a device that could not be
collected included), 2 bad input or a host key refused.
`;

const OPTIONS = {
  gateway: { type: 'string', multiple: true },
  site: { type: 'string', multiple: true },
  'gateways-from': { type: 'string' },
  ems: { type: 'string' },
  policy: { type: 'string' },
  reports: { type: 'string' },
  'expect-ems-serial': { type: 'string' },
  'expect-tenant': { type: 'string' },
  'ssh-key': { type: 'string' },
  'known-hosts': { type: 'string' },
  'accept-host-key': { type: 'string', multiple: true },
  vdom: { type: 'string' },
  fcnacd: { type: 'boolean' },
  concurrency: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'auth-timeout': { type: 'string' },
  'command-timeout': { type: 'string' },
} as const;

/** The most one command may print: a 200,000-endpoint record list is about 200 MB. */
const MAX_COMMAND_OUTPUT = 512 * 1024 * 1024;

const read = (file: string): { file: string; text: string } => ({ file, text: readTextFile(file, KINDS.auditInput) });

/** The --gateway values in order, each with the --site values that follow it. */
function gatewaySpecs(argv: string[]): GatewaySpec[] {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, tokens: true, strict: false, allowPositionals: true });
  const specs: { value: string; sites: string[]; from: string }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'gateway') specs.push({ value: token.value, sites: [], from: '--gateway' });
    if (token.name === 'site') {
      const last = specs.at(-1);
      if (!last) throw badInput(`--site ${token.value} must follow the --gateway it is about`);
      last.sites.push(token.value);
    }
  }
  return specs;
}

/** Where the command prints: the process's streams, or a test's. */
export interface AuditIo {
  readonly stdout: Pick<NodeJS.WriteStream, 'write'> & { readonly isTTY?: boolean };
  readonly stderr: Pick<NodeJS.WriteStream, 'write'> & { readonly isTTY?: boolean };
}

/** `ztna-harness audit` */
export async function auditCommand(argv: string[], io: AuditIo = process): Promise<number> {
  const { values } = parseCommandArgs('audit', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(AUDIT_HELP);
    return EXIT.ok;
  }
  const listFile = values['gateways-from'] as string | undefined;
  const specs = [...gatewaySpecs(argv), ...(listFile ? parseGatewayList(read(listFile).text, listFile) : [])];
  if (specs.length === 0)
    throw badInput('audit needs at least one --gateway FILE or ssh:// URL (see ztna-harness audit --help)');
  const ems = typeof values.ems === 'string' ? read(values.ems) : undefined;
  const emsExport = ems && parseEmsExport(ems.text, ems.file);
  checkSites(specs, emsExport);
  const dir = resolve((values.reports as string | undefined) ?? 'reports');
  const files = specs.filter((spec) => !isSshUrl(spec.value)).map((spec) => ({ spec, source: read(spec.value) }));
  const dumps = files.flatMap(({ spec, source }) =>
    withSites(parseGatewayFile(source.text, source.file).dumps, spec.sites),
  );
  const live = await collect(
    specs.filter((spec) => isSshUrl(spec.value)),
    values,
    join(dir, 'collected'),
    io,
  );
  const findings = auditEndpoints({
    gateways: [...dumps, ...live.dumps],
    ems: emsExport,
    expect: {
      emsSerial: emsSerial(values['expect-ems-serial'] as string | undefined, '--expect-ems-serial'),
      tenantId: values['expect-tenant'] as string | undefined,
    },
    collectionFailures: live.failures,
  });
  const now = new Date();
  let model = auditReport(
    findings,
    { gateways: [...files.map((f) => f.source), ...live.sources], ems },
    loadCatalog(),
    now,
  );
  if (typeof values.policy === 'string') model = applyWaivers(model, loadGatePolicy(values.policy).waivers, now);
  writeReports(model, dir);
  for (const f of findings)
    io.stdout.write(
      `${printable(`${f.severity.padEnd(6)} ${f.control.padEnd(10)} ${f.id}${f.uid ? ` ${f.uid}` : ''}: ${f.message} (${f.source})`)}\n`,
    );
  io.stdout.write(`${findings.length} findings, ${model.summary.failures} checks failed; reports in ${dir}\n`);
  if (live.hostKeyRefused) {
    io.stderr.write(`ztna-harness: ${live.hostKeyRefused}\n`);
    return EXIT.badInput;
  }
  return model.summary.failures > 0 ? EXIT.failed : EXIT.ok;
}

/** --site names must be sites of the EMS export, which they scope. */
function checkSites(specs: readonly GatewaySpec[], ems: EmsExport | undefined): void {
  const named = specs.flatMap((spec) => spec.sites);
  if (named.length === 0) return;
  if (!ems) throw badInput('--site names an EMS site of the export; give the export with --ems');
  const sites = new Set(ems.endpoints.map((endpoint) => endpoint.site));
  const unknown = named.find((site) => !sites.has(site));
  if (unknown !== undefined)
    throw badInput(
      `--site ${JSON.stringify(unknown)}: ${ems.file} has no such site (it has ${[...sites].join(', ') || 'none'})`,
    );
}

async function collect(
  specs: readonly GatewaySpec[],
  values: Record<string, unknown>,
  dir: string,
  io: AuditIo,
): Promise<LiveAudit> {
  if (specs.length === 0) return { dumps: [], sources: [], failures: [] };
  const targets = specs.map((spec) => parseSshUrl(spec.value));
  const seconds = (name: string, fallback: number) =>
    (positiveInt(values[name] as string | undefined, `--${name}`) ?? fallback) * 1000;
  const options = {
    auth: sshAuth(values['ssh-key'] as string | undefined, read),
    hostKeys: hostKeyPolicy(
      values['known-hosts'] as string | undefined,
      (values['accept-host-key'] as string[] | undefined) ?? [],
      read,
    ),
    limits: {
      connectMs: seconds('connect-timeout', 10),
      authMs: seconds('auth-timeout', 10),
      commandMs: seconds('command-timeout', 120),
      maxOutputBytes: MAX_COMMAND_OUTPUT,
    },
    vdom: values.vdom as string | undefined,
    fcnacd: values.fcnacd === true,
    dir,
  };
  if (options.vdom !== undefined && !/^[\w.-]{1,31}$/.test(options.vdom))
    throw badInput(
      `--vdom ${JSON.stringify(options.vdom.slice(0, 40))} is not a VDOM name (letters, digits, _ . -, at most 31)`,
    );
  const concurrency = positiveInt(values.concurrency as string | undefined, '--concurrency') ?? 4;
  const outcomes = await collectFleet(targets, options, concurrency, progressLine(targets.length, io));
  return liveAudit(outcomes, specs, options.vdom, (line) => io.stdout.write(line));
}

/** On a terminal, one line per device as it ends; in CI the summary on stdout says it all. */
function progressLine(total: number, io: AuditIo): (done: number, outcome: DeviceOutcome) => void {
  if (!io.stderr.isTTY) return () => {};
  return (done, outcome) => {
    const label = outcome.ok ? outcome.collection.target.label : outcome.target.label;
    const state = outcome.ok ? `collected (FortiOS ${outcome.collection.version})` : `FAILED: ${outcome.message}`;
    io.stderr.write(`[${done}/${total}] ${label}: ${state}\n`);
  };
}
