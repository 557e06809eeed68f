import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseGatewayOutput } from './parse-gateway-output';

/** What a renderer is asked to print for one endpoint (the engine's renderer will get an adapter). */
interface EndpointFields {
  readonly uid: string;
  readonly certSn: string;
  readonly emsSerial: string;
  readonly tenantId: string;
  readonly online: boolean;
  readonly registered: boolean;
  readonly quarantined: boolean;
  readonly hostName?: string;
  readonly ip: string;
  readonly mac: string;
  readonly vdom: string;
  readonly routes: readonly RouteFields[];
}

interface RouteFields {
  readonly ip: string;
  readonly mac: string;
  readonly vpn: boolean;
  readonly interface: string;
  readonly vfid: number;
  readonly sn: string;
}

/** Cosmetics a paste may vary in; none of them may change what is parsed. */
interface Layout {
  readonly eol: string;
  readonly indent: string;
  readonly prompt?: string;
  readonly command: string;
  readonly elide: boolean;
}

type Renderer = (records: readonly EndpointFields[], layout: Layout) => string;

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/**
 * The FortiOS block format as the 7.4 admin guide prints it, written apart from src/gateway's
 * diagnose renderer (engine-round-trip.property.spec.ts covers that one) and with the layouts
 * real pastes have: indents, line endings, prompts, routes, quarantine and elided lines.
 */
const renderRecordList: Renderer = (records, layout) => {
  const pad = (depth: number): string => layout.indent.repeat(depth);
  const lines = layout.prompt === undefined ? [] : [`${layout.prompt}${layout.command}`];
  records.forEach((record, index) => {
    lines.push(`Record #${index + 1}:`, ...endpointLines(record, layout).map((line) => pad(1) + line));
    lines.push(`${pad(1)}Number of Routes: (${record.routes.length})`);
    record.routes.forEach((route, routeIndex) => {
      lines.push(`${pad(2)}Gateway Route #${routeIndex}:`);
      lines.push(`${pad(3)}- IP:${route.ip}, MAC: ${route.mac}, VPN: ${yesNo(route.vpn)}`);
      lines.push(`${pad(3)}- Interface:${route.interface}, VFID:${route.vfid}, SN: ${route.sn}`);
    });
  });
  const count = (pick: (record: EndpointFields) => boolean): number => records.filter(pick).length;
  lines.push(
    `online records: ${count((r) => r.online)}; offline records: ${count((r) => !r.online)}; ` +
      `quarantined records: ${count((r) => r.quarantined)}; out-of-sync records: 0`,
  );
  return lines.join(layout.eol) + layout.eol;
};

function endpointLines(record: EndpointFields, layout: Layout): string[] {
  return [
    `IP Address = ${record.ip}`,
    `MAC Address = ${record.mac}`,
    'MAC list =',
    `VDOM = ${record.vdom} (0)`,
    `EMS serial number: ${record.emsSerial}`,
    `EMS tenant id: ${record.tenantId}`,
    `Client cert SN: ${record.certSn}`,
    `Quarantined: ${yesNo(record.quarantined)}`,
    `Online status: ${record.online ? 'online' : 'offline'}`,
    `Registration status: ${record.registered ? 'registered' : 'unregistered'}`,
    `FortiClient UID: ${record.uid}`,
    `Host Name: ${record.hostName ?? ''}`,
    ...(layout.elide ? ['...'] : []),
  ];
}

const RENDERERS: readonly (readonly [name: string, render: Renderer])[] = [['spec block renderer', renderRecordList]];

const hex = (length: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9A-F]{${length}}$`));
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':'));
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
  .map((value) => value.replace(/\s+/g, ' ').trim())
  .filter((value) => value !== '');

const route: fc.Arbitrary<RouteFields> = fc.record(
  {
    ip: fc.ipV4(),
    mac,
    vpn: fc.boolean(),
    interface: fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/),
    vfid: fc.nat(250),
    sn: fc.stringMatching(/^FG[A-Z0-9]{14}$/),
  },
  { noNullPrototype: true },
);

const endpoint: fc.Arbitrary<EndpointFields> = fc.record(
  {
    uid: hex(32),
    certSn: fc.oneof(hex(40), fc.constant('0'.repeat(40))),
    emsSerial: fc.stringMatching(/^FCTEMS\d{10}$/),
    tenantId: fc.oneof(hex(32), fc.constant('0'.repeat(32))),
    online: fc.boolean(),
    registered: fc.boolean(),
    quarantined: fc.boolean(),
    hostName: text,
    ip: fc.ipV4(),
    mac,
    vdom: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
    routes: fc.array(route, { maxLength: 3 }),
  },
  {
    noNullPrototype: true,
    requiredKeys: [
      'uid',
      'certSn',
      'emsSerial',
      'tenantId',
      'online',
      'registered',
      'quarantined',
      'ip',
      'mac',
      'vdom',
      'routes',
    ],
  },
);

const layout: fc.Arbitrary<Layout> = fc.record(
  {
    eol: fc.constantFrom('\n', '\r\n'),
    indent: fc.constantFrom('        ', '\t', ' \t '),
    prompt: fc.constantFrom('', '# ', 'FGT # ', 'FGT-A (root) # '),
    command: fc.constantFrom('diagnose endpoint record list', 'diagnose endpoint ec-shm list'),
    elide: fc.boolean(),
  },
  { noNullPrototype: true, requiredKeys: ['eol', 'indent', 'command', 'elide'] },
);

for (const [name, render] of RENDERERS) {
  test(`property/record-list/${name}/parses-back-to-the-rendered-values`, () => {
    fc.assert(
      fc.property(fc.array(endpoint, { maxLength: 8 }), layout, (records, style) => {
        const dump = parseGatewayOutput(render(records, style), 'random.txt');
        assert.equal(dump.format, 'endpoint-record-list');
        assert.deepEqual(
          dump.records.map(({ tags, extra, line, ...fields }) => ({
            ...fields,
            routes: fields.routes.map(({ extra: routeExtra, line: routeLine, ...routeFields }) => routeFields),
          })),
          records,
        );
        assert.equal(dump.summary?.online, records.filter((record) => record.online).length);
        assert.equal(dump.summary?.offline, records.filter((record) => !record.online).length);
        assert.equal(dump.summary?.quarantined, records.filter((record) => record.quarantined).length);
      }),
      { numRuns: 200 },
    );
  });
}
