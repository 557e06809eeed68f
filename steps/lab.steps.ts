import { given, nameList, type StepGroup, tagList } from './vocabulary';

export const labSteps: StepGroup = {
  actor: 'Lab',
  intro:
    'Every scenario has one lab: EMS, its sites, endpoints, access proxies and fabric links on one virtual clock. Without one of these steps the first step that needs a lab gets the default: site `default` and an access proxy `fgt-1` with one rule accepting every destination.',
  steps: [
    given('a ZTNA lab', 'The default lab.', 'Given a ZTNA lab', async function () {
      await this.useLab({});
    }),
    given(
      'a ZTNA lab from {string}',
      'The lab a scenario file declares (YAML, see scenarios/).',
      'Given a ZTNA lab from "scenarios/single-site.yaml"',
      async function (file: string) {
        await this.useLab(file);
      },
    ),
    given(
      'a ZTNA lab with the sites {string}',
      'The default lab with these EMS sites, each with its own ZTNA root CA; the access proxy syncs the first.',
      'Given a ZTNA lab with the sites "default, CUSTOMER-TEST"',
      async function (sites: string) {
        await this.useLab({ sites: tagList(sites).map((name) => ({ name })) });
      },
    ),
    given(
      'a ZTNA lab whose access proxy does not trust the EMS server certificate',
      'The default lab, but the fabric connector has no verifying CA for EMS: nothing is ever synced.',
      'Given a ZTNA lab whose access proxy does not trust the EMS server certificate',
      async function () {
        await this.useLab({ links: [{ gateway: 'fgt-1', trustEmsCertificate: false }] });
      },
    ),
    given(
      'the lab has the user {string} in the groups {string}',
      "A user who can authenticate to the lab's access proxies (a YAML lab's `users:`), a member of these user groups (separated by commas). A ZTNA rule with `users` or `groups` asks a request without a user to authenticate (AUTH_REQUIRED, HTTP 401).",
      'Given the lab has the user "alice" in the groups "HR-Staff, VPN-Users"',
      async function (name: string, groups: string) {
        return this.change((lab) => {
          for (const gateway of lab.gateways)
            gateway.users = [...gateway.users.filter((u) => u.name !== name), { name, groups: nameList(groups) }];
        });
      },
    ),
  ],
};
