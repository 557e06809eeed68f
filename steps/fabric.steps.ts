import assert from 'node:assert/strict';
import type { ConnectorSettings } from '../src/fabric';
import { given, type StepGroup, thenInLab, when } from './vocabulary';
import type { ZtnaWorld } from './world';

/** `config endpoint-control fctems` on the access proxy: the connector connects again with the change. */
function configure(world: ZtnaWorld, changes: ConnectorSettings) {
  return world.change((lab) => lab.link(world.gatewayName).configure(changes));
}

export const fabricSteps: StepGroup = {
  actor: 'Fabric link (EMS → access proxy)',
  intro:
    'The Security Fabric connector that syncs roots, endpoint records and revocations to the access proxy. Each access proxy has a link of its own: "the fabric link" is the link of the access proxy requests go to — the lab\'s first, unless `Given requests go to access proxy "<name>"` chose another; a step on it leaves the other proxies\' links alone.',
  steps: [
    given(
      'the fabric link delays every sync by {int} seconds',
      'Later changes reach the access proxy only after this much virtual time.',
      'Given the fabric link delays every sync by 30 seconds',
      async function (seconds: number) {
        return this.change((lab) => lab.link(this.gatewayName).setDelay(seconds * 1000));
      },
    ),
    given(
      'the fabric link has an out-of-sync threshold of {int} seconds',
      '`set out-of-sync-threshold` of the EMS connector: 10 to 3600 seconds as the FortiOS CLI allows (default 180); another value is refused.',
      'Given the fabric link has an out-of-sync threshold of 60 seconds',
      async function (seconds: number) {
        return this.change((lab) => lab.link(this.gatewayName).setOutOfSyncThreshold(seconds * 1000));
      },
    ),
    given(
      "the access proxy's EMS connector pins the EMS serial number {string}",
      '`set serial-number`: EMS must report this serial, or the connector is marked `dirty-reason mismatched-ems-sn` and nothing syncs.',
      'Given the access proxy\'s EMS connector pins the EMS serial number "FCTEMS8822001975"',
      async function (serial: string) {
        return configure(this, { serialNumber: serial });
      },
    ),
    given(
      "the access proxy's EMS connector pins the tenant id {string}",
      '`set tenant-id`: the EMS site the connector syncs must have this tenant id (hex, any case), or nothing syncs.',
      'Given the access proxy\'s EMS connector pins the tenant id "00000000000000000000000000000000"',
      async function (tenantId: string) {
        return configure(this, { tenantId });
      },
    ),
    given(
      "the access proxy's EMS connector verifies EMS's certificate with the CA {string}",
      "`set verifying-ca`: the CA certificate that must have signed EMS's server certificate. The access proxy holds the lab's EMS SSL CA as `EMS_SSL_CA`; any other name leaves the certificate unverified and nothing syncs.",
      'Given the access proxy\'s EMS connector verifies EMS\'s certificate with the CA "EMS_SSL_CA"',
      async function (ca: string) {
        return configure(this, { verifyingCa: ca });
      },
    ),
    given(
      "the access proxy's EMS connector is disabled",
      '`set status disable`: the connector is off and nothing syncs; records already synced go out of sync after the threshold.',
      "Given the access proxy's EMS connector is disabled",
      async function () {
        return configure(this, { status: 'disable' });
      },
    ),
    when(
      "the access proxy's EMS connector is enabled",
      '`set status enable`: the connector checks EMS again and, if it passes, resyncs in full.',
      "When the access proxy's EMS connector is enabled",
      async function () {
        return configure(this, { status: 'enable' });
      },
    ),
    when(
      'the fabric link goes down',
      'An outage: nothing reaches the access proxy; records go out of sync after the threshold (180 s).',
      'When the fabric link goes down',
      async function () {
        return this.change((lab) => lab.link(this.gatewayName).takeDown());
      },
    ),
    when(
      'the fabric link is restored',
      'The connector verifies EMS again and resyncs in full.',
      'When the fabric link is restored',
      async function () {
        return this.change((lab) => lab.link(this.gatewayName).restore());
      },
    ),
    thenInLab(
      'the fabric link is {linkState}',
      'The connector state.',
      'Then the fabric link is untrusted',
      async function (state: string) {
        const status = (await this.lab()).link(this.gatewayName).status;
        assert.equal(status.state, state, `the fabric link is ${status.state}: ${status.detail}`);
      },
    ),
    thenInLab(
      'the fabric link status says {string}',
      "Part of the connector's status detail.",
      'Then the fabric link status says "no sync"',
      async function (text: string) {
        const status = (await this.lab()).link(this.gatewayName).status;
        assert.ok(status.detail.includes(text), `the fabric link status is "${status.detail}"`);
      },
    ),
    thenInLab(
      "the access proxy's EMS connector has dirty-reason {string}",
      "The connector entry's `dirty-reason`: `mismatched-ems-sn` when EMS's serial is not the pinned one, else `none`.",
      'Then the access proxy\'s EMS connector has dirty-reason "mismatched-ems-sn"',
      async function (reason: string) {
        const status = (await this.lab()).link(this.gatewayName).status;
        assert.equal(status.dirtyReason ?? 'none', reason, `the fabric link is ${status.state}: ${status.detail}`);
      },
    ),
  ],
};
