import { given, type StepGroup, tagList, when } from './vocabulary';

export const emsSteps: StepGroup = {
  actor: 'EMS',
  intro:
    'FortiClient EMS: the ZTNA CA of each site, the endpoint registry and its admin actions. Every change reaches the access proxy through the fabric link.',
  steps: [
    given(
      'the EMS has a site {string}',
      'Adds an EMS site (tenant) with its own ZTNA root CA.',
      'Given the EMS has a site "CUSTOMER-TEST"',
      async function (site: string) {
        return this.change((lab) => lab.ems.addSite(site));
      },
    ),
    when(
      'EMS revokes the client certificate of endpoint {string}',
      'Endpoint > Action > Revoke Client Certificate (a compromised key).',
      'When EMS revokes the client certificate of endpoint "laptop-1"',
      async function (name: string) {
        return this.change((lab) => lab.ems.revokeClientCertificate(lab.endpoint(name).uid));
      },
    ),
    when(
      'EMS updates the root CA of site {string}',
      'Root CA update: a new root signs; endpoints of the site renew by themselves.',
      'When EMS updates the root CA of site "default"',
      async function (site: string) {
        return this.change((lab) => lab.ems.updateRootCa(site));
      },
    ),
    when(
      'EMS revokes the root CA of site {string}',
      'Root CA revocation: the root is revoked, a new one replaces it, endpoints renew.',
      'When EMS revokes the root CA of site "default"',
      async function (site: string) {
        return this.change((lab) => lab.ems.revokeRootCa(site));
      },
    ),
    when(
      'EMS sets the ZTNA tags of endpoint {string} to {string}',
      'Replaces the endpoint\'s ZTNA tags (comma-separated, each 1 to 62 letters, digits or _ . + @ -; "" for none).',
      'When EMS sets the ZTNA tags of endpoint "laptop-1" to "Domain-Users, HR"',
      async function (name: string, tags: string) {
        return this.change((lab) => lab.ems.setTags(lab.endpoint(name).uid, tagList(tags)));
      },
    ),
    when(
      'EMS marks endpoint {string} {onlineStatus}',
      'Sets the online status EMS reports for the endpoint.',
      'When EMS marks endpoint "laptop-1" offline',
      async function (name: string, online: boolean) {
        return this.change((lab) => lab.ems.setOnline(lab.endpoint(name).uid, online));
      },
    ),
  ],
};
