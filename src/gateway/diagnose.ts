import { type FortiosVersion, hasFeature } from './fortios-version';
import type { EndpointRecord } from './synced-state';

/**
 * The command that lists a FortiGate's endpoint records: FortiOS 7.4.2 renamed `diagnose
 * endpoint record list` to `diagnose endpoint ec-shm list` (https://community.fortinet.com/t5/FortiGate/Technical-Tip-Understanding-When-FortiGate-Displays-Endpoint/ta-p/382827;
 * VERSION_GATES['ec-shm-list']). What differs is the command, not its output: the ZTNA
 * troubleshooting tables describe both as showing "the endpoint record list"
 * (https://docs.fortinet.com/document/fortigate/7.0.14/administration-guide/286458 for
 * `record list`), and no published output of either prints other fields. So both print the
 * blocks and the summary line below, which is what src/audit/gateway-dump.ts reads for both.
 */
export const recordListCommand = (version: FortiosVersion): string =>
  hasFeature(version, 'ec-shm-list') ? 'diagnose endpoint ec-shm list' : 'diagnose endpoint record list';

const FIELD = ' '.repeat(16);
const ROUTE = ' '.repeat(24);
const ROUTE_LINE = ' '.repeat(32);

/** What `diagnose endpoint record list` needs besides the records. */
export interface DiagnoseContext {
  readonly gatewaySerial: string;
  readonly outOfSync: boolean;
  readonly interfaceName?: string;
  readonly forticlientVersion?: string;
}

/** One record block, field for field as FortiOS prints it. */
export function renderRecord(record: EndpointRecord, index: number, context: DiagnoseContext): string {
  const port = context.interfaceName ?? 'port1';
  const fields = [
    `IP Address = ${record.ip}`,
    `MAC Address = ${record.mac}`,
    'MAC list =',
    'VDOM = root (0)',
    `EMS serial number: ${record.emsSerial}`,
    `EMS tenant id: ${record.tenantId}`,
    `Client cert SN: ${record.certSn}`,
    `Public IP address: ${record.ip}`,
    'Quarantined: no',
    `Online status: ${record.online ? 'online' : 'offline'}`,
    `Registration status: ${record.registered ? 'registered' : 'unregistered'}`,
    'On-net status: on-net',
    `Gateway Interface: ${port}`,
    `FortiClient version: ${context.forticlientVersion ?? '7.2.0'}`,
    `FortiClient UID: ${record.uid}`,
    `Host Name: ${record.hostName}`,
    `OS type: ${record.os}`,
    'Number of Routes: (1)',
  ];
  return [
    `Record #${index}:`,
    ...fields.map((f) => FIELD + f),
    `${ROUTE}Gateway Route #0:`,
    `${ROUTE_LINE}- IP:${record.ip}, MAC: ${record.mac}, VPN: no`,
    `${ROUTE_LINE}- Interface:${port}, VFID:0, SN: ${context.gatewaySerial}`,
  ].join('\n');
}

/** `diagnose endpoint record list`: every record block, then the summary line. */
export function renderRecordList(records: Iterable<EndpointRecord>, context: DiagnoseContext): string {
  const blocks: string[] = [];
  let online = 0;
  for (const record of records) {
    blocks.push(renderRecord(record, blocks.length + 1, context));
    if (record.online) online++;
  }
  const offline = blocks.length - online;
  const outOfSync = context.outOfSync ? blocks.length : 0;
  blocks.push(
    `online records: ${online}; offline records: ${offline}; quarantined records: 0; out-of-sync records: ${outOfSync}`,
  );
  return `${blocks.join('\n')}\n`;
}

/**
 * What an SSH session shows for a command: FortiOS's prompt (`hostname #`) with the command,
 * then its output. The audit parsers read the command from that line.
 */
export const cliTranscript = (hostname: string, command: string, output: string): string =>
  `${hostname} # ${command}\n${output}`;
