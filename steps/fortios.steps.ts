import { dirname, resolve } from 'node:path';
import { loadFortiosConfigGateway } from '../src/lab';
import { given, type StepGroup } from './vocabulary';
import type { ZtnaWorld } from './world';

/** Sets the access proxy's objects to those of a FortiOS configuration file, relative to the feature file. */
function runConfiguration(world: ZtnaWorld, path: string, vdom?: string) {
  const file = resolve(dirname(world.featureFile ?? 'features/x.feature'), path);
  const { objects } = loadFortiosConfigGateway(file, { vdom });
  return world.change((lab) => {
    lab.gateway(world.gatewayName).objects = objects;
  }, 'setup');
}

export const fortiosSteps: StepGroup = {
  actor: 'FortiOS configuration',
  intro:
    "The access proxy's objects taken from a FortiGate's own configuration (`show`, `show full-configuration` or a backup file): its ZTNA servers, API gateways, virtual hosts, addresses, ZTNA rules, users and groups, in the VDOM asked for (default root). The path is relative to the feature file. The access proxy keeps the lab's EMS connector; a YAML lab with `fortios-config:` takes the configuration's connector (pinning, threshold) as well.",
  steps: [
    given(
      'the access proxy runs the FortiOS configuration {string}',
      'The access proxy decides with the ZTNA objects of this FortiOS configuration (VDOM root).',
      'Given the access proxy runs the FortiOS configuration "../scenarios/fortios/https-access-proxy.conf"',
      async function (path: string) {
        return runConfiguration(this, path);
      },
    ),
    given(
      'the access proxy runs VDOM {string} of the FortiOS configuration {string}',
      'The same, for one VDOM of a multi-VDOM configuration (with its `config global`).',
      'Given the access proxy runs VDOM "ztna" of the FortiOS configuration "../scenarios/fortios/multi-vdom-backup.conf"',
      async function (vdom: string, path: string) {
        return runConfiguration(this, path, vdom);
      },
    ),
  ],
};
