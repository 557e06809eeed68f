import { resolve } from 'node:path';
import { auditEndpoints, parseEmsExport, parseGatewayOutput } from '../audit';
import { auditReport } from '../audit/audit-report';
import { badInput } from '../errors';
import { applyWaivers, loadCatalog, loadGatePolicy, writeReports } from '../report';
import { MAX_BYTES, readTextFile } from '../input/regular-file';
import { printable } from '../report/printable';
import { emsSerial, parseCommandArgs } from './args';
import { EXIT } from './cli-error';

export const AUDIT_HELP = `Usage: ztna-harness audit --gateway FILE [--gateway FILE...] [--ems FILE]
                         [--expect-ems-serial FCTEMS…] [--expect-tenant ID]
                         [--policy FILE] [--reports DIR]

Reads what FortiGate prints and what EMS exports, and reports what does not match, through the
same reports (compliance.json/.html/.md, junit.xml) and gate as a feature run.

  --gateway FILE   output of "diagnose endpoint record list" (FortiOS up to 7.4.1),
                   "diagnose endpoint ec-shm list" (7.4.2+), "diagnose test application
                   fcnacd 7" or "diagnose wad dev query-by uid"; the format is detected
  --ems FILE       EMS endpoint export: CSV with the header
                   uid,host_name,site,cert_sn,registration_status (extra columns ignored,
                   any order) or a JSON array of objects with those keys
  --expect-ems-serial, --expect-tenant   the EMS serial and tenant id records must carry
  --policy FILE    a gate policy whose waivers apply to the findings
  --reports DIR    where the reports go (default: reports)

Findings have a severity (high: SN mismatch, record missing, unregistered but present,
duplicate UID, unexpected EMS serial or tenant; medium: all-zero SN, out of sync; low and info:
incomplete evidence, offline endpoints) and a control id.
Exit status: 0 nothing high or above, 1 something high or above, 2 bad input.
`;

const read = (file: string): { file: string; text: string } => ({ file, text: readTextFile(file, { what: 'audit input', maxBytes: MAX_BYTES.audit }) });

/** `ztna-harness audit` */
export async function auditCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('audit', argv, {
    gateway: { type: 'string', multiple: true }, ems: { type: 'string' }, policy: { type: 'string' }, reports: { type: 'string' },
    'expect-ems-serial': { type: 'string' }, 'expect-tenant': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(AUDIT_HELP);
    return EXIT.ok;
  }
  const gatewayFiles = (values.gateway as string[] | undefined) ?? [];
  if (gatewayFiles.length === 0) throw badInput('audit needs at least one --gateway FILE (see ztna-harness audit --help)');
  const gateways = gatewayFiles.map(read);
  const ems = typeof values.ems === 'string' ? read(values.ems) : undefined;
  const findings = auditEndpoints({
    gateways: gateways.map((g) => parseGatewayOutput(g.text, g.file)),
    ems: ems && parseEmsExport(ems.text, ems.file),
    expect: { emsSerial: emsSerial(values['expect-ems-serial'] as string | undefined, '--expect-ems-serial'), tenantId: values['expect-tenant'] as string | undefined },
  });
  const now = new Date();
  let model = auditReport(findings, { gateways, ems }, loadCatalog(), now);
  if (typeof values.policy === 'string') model = applyWaivers(model, loadGatePolicy(values.policy).waivers, now);
  const dir = resolve((values.reports as string | undefined) ?? 'reports');
  writeReports(model, dir);
  for (const f of findings) process.stdout.write(`${printable(`${f.severity.padEnd(6)} ${f.control.padEnd(10)} ${f.id}${f.uid ? ` ${f.uid}` : ''}: ${f.message} (${f.source})`)}\n`);
  process.stdout.write(`${findings.length} findings, ${model.summary.failures} checks failed; reports in ${dir}\n`);
  return model.summary.failures > 0 ? EXIT.failed : EXIT.ok;
}
