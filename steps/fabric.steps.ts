import assert from 'node:assert/strict';
import { given, type StepGroup, thenInLab, when } from './vocabulary';

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
      '`set out-of-sync-threshold` of the EMS connector (FortiOS default 180).',
      'Given the fabric link has an out-of-sync threshold of 60 seconds',
      async function (seconds: number) {
        return this.change((lab) => lab.link(this.gatewayName).setOutOfSyncThreshold(seconds * 1000));
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
  ],
};
