import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGatewayOutput } from '../audit';
import { createLab } from '../lab';
import { cliTranscript, recordListCommand } from './diagnose';
import { parseLabFortiosVersion } from './fortios-version';

const RECORD_LIST = 'diagnose endpoint record list';
const EC_SHM_LIST = 'diagnose endpoint ec-shm list';

const VERSIONS: readonly (readonly [version: string, command: string])[] = [
  ['7.0', RECORD_LIST],
  ['7.2', RECORD_LIST],
  ['7.4.0', RECORD_LIST],
  ['7.4.1', RECORD_LIST],
  ['7.4.2', EC_SHM_LIST],
  ['7.4', EC_SHM_LIST], // no patch: the newest 7.4
  ['7.6', EC_SHM_LIST],
];

describe('the record-list command per FortiOS version', () => {
  for (const [version, command] of VERSIONS)
    test(`command/${version}`, () => assert.equal(recordListCommand(parseLabFortiosVersion(version)), command));

  test('transcript/prompt-then-command-then-output', () =>
    assert.equal(
      cliTranscript('fgt-1', EC_SHM_LIST, 'online records: 0\n'),
      `fgt-1 # ${EC_SHM_LIST}\nonline records: 0\n`,
    ));
});

describe("a gateway's diagnose output, read back by the audit parser", () => {
  for (const [version, command] of VERSIONS.filter(([v]) => ['7.4.1', '7.4.2'].includes(v)))
    test(`round-trip/${version}`, async () => {
      const lab = await createLab({
        ems: { serial: 'FCTEMS8822001975' },
        endpoints: [{ name: 'pc-1' }, { name: 'pc-2', online: false }],
        gateways: [
          { name: 'fgt-1', version: parseLabFortiosVersion(version), rules: [{ name: 'all', action: 'accept' }] },
        ],
      });
      try {
        const gateway = lab.gateway();
        assert.equal(gateway.recordListCommand, command);
        const transcript = gateway.diagnoseRecordList({ prompt: true });
        assert.ok(transcript.startsWith(`fgt-1 # ${command}\n`), transcript);
        assert.equal(transcript.slice(transcript.indexOf('\n') + 1), gateway.diagnoseRecordList());
        const dump = parseGatewayOutput(transcript, 'fgt-1.txt');
        assert.equal(dump.format, 'endpoint-record-list');
        assert.equal(dump.command, command);
        assert.deepEqual(
          dump.records.map((r) => [r.uid, r.online, r.emsSerial]),
          lab.endpoints.map((e) => [e.uid, e.profile.name === 'pc-1', 'FCTEMS8822001975']),
        );
        assert.deepEqual([dump.summary?.online, dump.summary?.offline], [1, 1]);
      } finally {
        lab.dispose();
      }
    });
});
