import { given, type StepGroup, tagList } from './vocabulary';

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
  ],
};
