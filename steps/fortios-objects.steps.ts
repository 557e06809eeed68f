import assert from 'node:assert/strict';
import type { DataTable } from '@cucumber/cucumber';
import { parseLabFortiosVersion, type ZtnaObjects } from '../src/gateway';
import { addressesOf, addressGroupsOf, apiGatewaysOf, proxyPoliciesOf, rowsOf, virtualHostsOf } from './fortios-tables';
import { requireVersionFits } from './fortios-version-fit';
import { given, type StepGroup, then, thenInLab } from './vocabulary';
import type { ZtnaWorld } from './world';

/** Replaces part of the access proxy's FortiOS objects (the gateway recompiles and checks them). */
function changeObjects(world: ZtnaWorld, edit: (objects: ZtnaObjects) => ZtnaObjects) {
  return world.change((lab) => {
    const gateway = lab.gateway(world.gatewayName);
    gateway.objects = edit(gateway.objects);
  });
}

/** `list` with each entry of `replacing` put in place of the one of the same name (or added). */
const byName = <T extends { readonly name: string }>(list: readonly T[], replacing: readonly T[]): T[] => [
  ...list.filter((x) => !replacing.some((r) => r.name === x.name)),
  ...replacing,
];

export const fortiosObjectSteps: StepGroup = {
  actor: 'Access proxy objects (FortiOS)',
  intro: [
    "The FortiOS objects the access proxy decides from, stated as tables whose columns are FortiOS keys; an empty cell is FortiOS's default.",
    "Each step replaces one kind of object of the access proxy and keeps the others: on the default lab's access proxy (one ZTNA server `ztna-server` whose one API gateway maps every host, one rule accepting everything) a table of ZTNA rules or of API gateways changes just that part.",
    '`Given the access proxy has these proxy rules:` replaces them all with flat rules again. A bad cell fails the step at `TABLE:ROW:COLUMN` (the header is row 1).',
  ].join(' '),
  steps: [
    given(
      'the access proxy runs FortiOS {string}',
      'The FortiOS release whose behaviour the access proxy follows: `7.0`, `7.2`, `7.4` (the default) or `7.6`, optionally with a patch (`7.2.3`; without one, the newest of the line). Before 7.4.1 a block page shows no error code; the built-in tags of certificate-less devices are `ems-tag-unmanageable`/`ems-tag-unknown` on 7.2.1–7.2.3 and `EMS_ALL_UNMANAGEABLE_CLIENTS`/`EMS_ALL_UNKNOWN_CLIENTS` from 7.2.4. A release that lacks a setting in use (accept-unmanageable, per-virtual-host certificate settings, tag negation, a built-in tag name) is refused.',
      'Given the access proxy runs FortiOS "7.2.3"',
      async function (text: string) {
        const version = parseLabFortiosVersion(text);
        return this.change((lab) => {
          const gateway = lab.gateway(this.gatewayName);
          requireVersionFits(gateway.objects, version);
          gateway.version = version;
        });
      },
    ),
    given(
      'the access proxy has these virtual hosts:',
      "`config firewall access-proxy-virtual-host`, added to (or replacing by name) those the access proxy has. Columns: name (default: the host), host, host-type (sub-string, the default, or wildcard), and on FortiOS 7.6 the certificate settings of that host: client-cert, empty-cert-action, user-agent-detect (empty: the ZTNA server's).",
      'Given the access proxy has these virtual hosts:\n  | name | host | host-type | empty-cert-action |\n  | kiosk-vhost | kiosk.example.com | sub-string | accept |',
      async function (table: DataTable) {
        const rows = rowsOf(table, 'virtual hosts table');
        return changeObjects(this, (o) => ({
          ...o,
          virtualHosts: byName(o.virtualHosts, virtualHostsOf(rows, o.version)),
        }));
      },
    ),
    given(
      'the access proxy has these API gateways:',
      "Replaces the API gateways of the ZTNA server (`config api-gateway` of its `firewall access-proxy`); the first whose virtual host and url-map match a request maps it, none gives APP_NOT_FOUND (021). Columns: id, virtual-host (a virtual host's name), host and host-type (declare that virtual host here; empty virtual-host: named after the host; no host nor virtual-host: any host), url-map (default `/`), url-map-type (sub-string, the default: the path contains it; wildcard: the whole path matches; regex), realserver (`IP` or `IP:PORT`) and status (the real server's: active, the default, standby or disable; no active real server gives REAL_SERVER_NOT_FOUND, 022). Rows with the same id add real servers to one API gateway.",
      'Given the access proxy has these API gateways:\n  | id | host | host-type | url-map | url-map-type | realserver | status |\n  | 1 | web.example.com | sub-string | /app/ | sub-string | 10.88.0.3 | active |',
      async function (table: DataTable) {
        const { apiGateways, virtualHosts } = apiGatewaysOf(rowsOf(table, 'API gateways table'));
        return changeObjects(this, (o) => {
          const [first, ...rest] = o.accessProxies;
          return {
            ...o,
            accessProxies: [{ ...first!, apiGateways }, ...rest],
            virtualHosts: byName(o.virtualHosts, virtualHosts),
          };
        });
      },
    ),
    given(
      'the access proxy has these addresses:',
      "Replaces the `config firewall address` entries (the built-in `all` is always there). Columns: name, type (ipmask, the default, with subnet `10.0.3.0/24` or `10.0.3.0 255.255.255.0`; iprange with start-ip and end-ip; fqdn with fqdn, matched against the request's host; dynamic with obj-tag, an EMS tag).",
      'Given the access proxy has these addresses:\n  | name | type | subnet | start-ip | end-ip |\n  | office | ipmask | 127.0.3.0/24 | | |\n  | lab-range | iprange | | 127.0.4.10 | 127.0.4.20 |',
      async function (table: DataTable) {
        const addresses = addressesOf(rowsOf(table, 'addresses table'));
        return changeObjects(this, (o) => ({ ...o, addresses }));
      },
    ),
    given(
      'the access proxy has these address groups:',
      'Replaces the `config firewall addrgrp` entries. Columns: name, member (addresses or groups, separated by commas), category (default, the default, or ztna-ems-tag for a group of EMS-tag addresses a rule can name in ztna-ems-tag).',
      'Given the access proxy has these address groups:\n  | name | member |\n  | offices | office, lab-range |',
      async function (table: DataTable) {
        const addressGroups = addressGroupsOf(rowsOf(table, 'address groups table'));
        return changeObjects(this, (o) => ({ ...o, addressGroups }));
      },
    ),
    given(
      'the access proxy has these ZTNA rules:',
      "Replaces the ZTNA rules (`config firewall proxy-policy`, `set proxy access-proxy`), in order; the first enabled rule that matches decides. Columns: id, name, access-proxy (empty: every ZTNA server), srcaddr (the client's address) and dstaddr (the mapped real servers, or an fqdn address of the host) — address or group names separated by commas, empty for all —, ztna-ems-tag (EMS-tag address names, `EMS1_ZTNA_<tag>`, built-in tags or bare EMS tags), match (ztna-tags-match-logic or|and), negate (ztna-ems-tag-negate, FortiOS 7.6.1+), users and groups (a rule with either needs an authenticated user: without one AUTH_REQUIRED, a user outside them goes on to the next rule), action (accept|deny, default deny) and status (enable|disable).",
      'Given the access proxy has these ZTNA rules:\n  | id | name | srcaddr | ztna-ems-tag | groups | action |\n  | 1 | hr-app | all | EMS1_ZTNA_HR | HR-Staff | accept |',
      async function (table: DataTable) {
        const rows = rowsOf(table, 'ZTNA rules table');
        return changeObjects(this, (o) => ({ ...o, proxyPolicies: proxyPoliciesOf(rows, o) }));
      },
    ),
    then(
      'the request went through API gateway {int}',
      'The API gateway that mapped the last request, by its id (not applicable on a target that does not name it).',
      'Then the request went through API gateway 2',
      async function (id: number) {
        const o = this.lastExchange.observation;
        const target = await this.target();
        // Only the in-process engine hands over its evidence; a proxy's answer does not name the API gateway.
        if (o.evidence.apiGateway === undefined && target.info.kind !== 'in-process')
          return this.notApplicable(
            `the ${target.info.kind} target does not name the API gateway that mapped a request`,
          );
        assert.equal(
          o.evidence.apiGateway,
          id,
          `the request was ${o.verdict} (${o.reason}; ${o.detail ?? 'no detail'})`,
        );
        return undefined;
      },
    ),
    thenInLab(
      "FortiOS {string} refuses the access proxy's configuration with {string}",
      "The access proxy's objects cannot move to this release: a setting in use came with a later one, and the refusal says which (the text is a part of its message). Nothing changes.",
      'Then FortiOS "7.0" refuses the access proxy\'s configuration with "empty-cert-action accept-unmanageable came with FortiOS 7.2.1"',
      async function (text: string, message: string) {
        const version = parseLabFortiosVersion(text);
        const objects = (await this.lab()).gateway(this.gatewayName).objects;
        let refusal: string | undefined;
        try {
          requireVersionFits(objects, version);
        } catch (error) {
          refusal = (error as Error).message;
        }
        assert.ok(refusal !== undefined, `FortiOS ${text} accepted the access proxy's configuration`);
        assert.ok(refusal.includes(message), `FortiOS ${text} refused it, but with: ${refusal}`);
      },
    ),
  ],
};
