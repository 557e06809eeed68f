import type { EndpointRecord } from './synced-state';

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
