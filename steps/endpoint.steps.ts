import assert from 'node:assert/strict';
import { isIPv4 } from 'node:net';
import { craftFromRecipe, craftIdentity } from '../src/lab';
import { CRAFTED, type Crafted } from './parameter-types';
import { given, type StepGroup, tagList, thenInLab, when } from './vocabulary';
import type { ZtnaWorld } from './world';

const MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function requestAs(world: ZtnaWorld, name: string, url: string, withCertificate = true, user?: string) {
  const endpoint = (await world.lab()).endpoint(name);
  return world.send({
    endpoint: name,
    identity: withCertificate ? endpoint.identity : undefined,
    url,
    userAgent: endpoint.profile.userAgent,
    ...(user === undefined ? {} : { user }),
  });
}

async function crafted(world: ZtnaWorld, name: string, kind: Crafted) {
  const lab = await world.lab();
  return craftFromRecipe(lab, lab.endpoint(name).uid, CRAFTED[kind]);
}

export const endpointSteps: StepGroup = {
  actor: 'Endpoint (FortiClient)',
  intro:
    'Endpoints are named in quotes. A registered endpoint holds its ZTNA certificate in its OS store and presents it on every request.',
  steps: [
    given(
      'endpoint {string} is registered',
      'Registers a new endpoint on site default: key, CSR, signed certificate in its store.',
      'Given endpoint "laptop-1" is registered',
      async function (name: string) {
        return this.change((lab) => lab.addEndpoint({ name }), 'setup');
      },
    ),
    given(
      'endpoint {string} is registered on site {string}',
      'Registers a new endpoint on the given EMS site.',
      'Given endpoint "laptop-2" is registered on site "CUSTOMER-TEST"',
      async function (name: string, site: string) {
        return this.change((lab) => lab.addEndpoint({ name, site }), 'setup');
      },
    ),
    given(
      'endpoint {string} is registered with the ZTNA tags {string}',
      'Registers a new endpoint carrying these ZTNA tags (comma-separated, each 1 to 62 letters, digits or _ . + @ -).',
      'Given endpoint "laptop-3" is registered with the ZTNA tags "Domain-Users, HR"',
      async function (name: string, tags: string) {
        return this.change((lab) => lab.addEndpoint({ name, tags: tagList(tags) }), 'setup');
      },
    ),
    given(
      'endpoint {string} is a mobile browser without FortiClient',
      'An unmanageable device: an iPhone browser, no certificate.',
      'Given endpoint "phone-1" is a mobile browser without FortiClient',
      async function (name: string) {
        return this.change(
          (lab) => lab.addEndpoint({ name, registered: false, userAgent: MOBILE_UA, os: 'iOS' }),
          'setup',
        );
      },
    ),
    given(
      'endpoint {string} is a desktop browser without FortiClient',
      'An unknown device: a desktop browser, no certificate.',
      'Given endpoint "kiosk-1" is a desktop browser without FortiClient',
      async function (name: string) {
        return this.change((lab) => lab.addEndpoint({ name, registered: false }), 'setup');
      },
    ),
    given(
      'the certificate of endpoint {string} is kept as {string}',
      "Keeps a copy of the endpoint's current certificate and key (as a thief would) under a label.",
      'Given the certificate of endpoint "laptop-1" is kept as "stolen"',
      async function (name: string, label: string) {
        const identity = (await this.lab()).endpoint(name).identity;
        assert.ok(identity, `endpoint "${name}" holds no certificate to keep`);
        this.kept.set(label, identity);
      },
    ),
    when(
      'endpoint {string} unregisters from EMS',
      'Disconnect: the certificate leaves the store and EMS revokes it.',
      'When endpoint "laptop-1" unregisters from EMS',
      async function (name: string) {
        return this.change((lab) => lab.endpoint(name).unregister());
      },
    ),
    when(
      'endpoint {string} reconnects to EMS',
      'Registers again with a new key: new certificate, new serial.',
      'When endpoint "laptop-1" reconnects to EMS',
      async function (name: string) {
        return this.change((lab) => lab.endpoint(name).reconnect());
      },
    ),
    when(
      'endpoint {string} requests {string}',
      "An HTTPS request presenting the endpoint's certificate (none if its store is empty).",
      'When endpoint "laptop-1" requests "https://intranet.example.com/"',
      async function (name: string, url: string) {
        return requestAs(this, name, url);
      },
    ),
    when(
      'user {string} on endpoint {string} requests {string}',
      "An HTTPS request presenting the endpoint's certificate, from a user who authenticated to the access proxy (a lab user; HTTP basic authentication on the wire).",
      'When user "alice" on endpoint "laptop-1" requests "https://intranet.example.com/"',
      async function (user: string, name: string, url: string) {
        return requestAs(this, name, url, true, user);
      },
    ),
    when(
      'user {string} without a certificate requests {string} with the user agent {string}',
      'A certificate-less request from an authenticated lab user.',
      'When user "alice" without a certificate requests "https://intranet.example.com/" with the user agent "curl/8.5.0"',
      async function (user: string, url: string, userAgent: string) {
        return this.send({ url, userAgent, user });
      },
    ),
    given(
      'requests come from address {string}',
      'Every later request of the scenario comes from this client address (default 127.0.0.1). Wire targets send from it when it is a loopback address (127.0.0.0/8); another is sent in-process only, and is not applicable elsewhere.',
      'Given requests come from address "127.0.2.7"',
      async function (address: string) {
        if (!isIPv4(address)) assert.fail(`"${address}" is not an IPv4 address`);
        this.sourceAddress = address;
      },
    ),
    when(
      'endpoint {string} requests {string} without a certificate',
      'The user cancels the certificate prompt: the request carries no certificate.',
      'When endpoint "laptop-1" requests "https://intranet.example.com/" without a certificate',
      async function (name: string, url: string) {
        return requestAs(this, name, url, false);
      },
    ),
    when(
      'endpoint {string} requests {string} with a certificate {crafted}',
      "Presents a certificate for the endpoint's UID that EMS would never issue.",
      'When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate signed by the EMS SSL CA',
      async function (name: string, url: string, kind: Crafted) {
        const identity = await crafted(this, name, kind);
        return this.send({
          endpoint: name,
          identity,
          url,
          userAgent: (await this.lab()).endpoint(name).profile.userAgent,
        });
      },
    ),
    when(
      'the certificate kept as {string} is used to request {string}',
      'Presents a kept certificate (e.g. a stolen or superseded one).',
      'When the certificate kept as "stolen" is used to request "https://intranet.example.com/"',
      async function (label: string, url: string) {
        const identity = this.kept.get(label);
        assert.ok(identity, `no certificate was kept as "${label}"`);
        return this.send({ endpoint: `kept:${label}`, identity, url });
      },
    ),
    when(
      'a client without a certificate requests {string} with the user agent {string}',
      'A certificate-less request with a given User-Agent.',
      'When a client without a certificate requests "https://intranet.example.com/" with the user agent "curl/8.5.0"',
      async function (url: string, userAgent: string) {
        return this.send({ url, userAgent });
      },
    ),
    when(
      'a certificate for an unknown UID requests {string}',
      "A certificate from the site's root for a UID EMS never registered.",
      'When a certificate for an unknown UID requests "https://intranet.example.com/"',
      async function (url: string) {
        const identity = await craftIdentity(await this.lab(), { uid: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' });
        return this.send({ endpoint: 'unknown-uid', identity, url });
      },
    ),
    thenInLab(
      'the certificate store of endpoint {string} is empty',
      'The OS store holds no certificate.',
      'Then the certificate store of endpoint "laptop-1" is empty',
      async function (name: string) {
        assert.deepEqual((await this.lab()).endpoint(name).store.list(), [], `the store of "${name}" is not empty`);
      },
    ),
    thenInLab(
      'the certificate store of endpoint {string} holds a certificate issued by {string}',
      "The store holds the endpoint's certificate, issued by the named CA (CN).",
      'Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"',
      async function (name: string, issuerCN: string) {
        const identity = (await this.lab()).endpoint(name).identity;
        assert.ok(identity, `the store of "${name}" holds no ZTNA certificate`);
        assert.equal(identity.certificate.issuerCN, issuerCN);
      },
    ),
    thenInLab(
      'the certificate of endpoint {string} is not the one kept as {string}',
      'The endpoint holds a new certificate: another serial and another key.',
      'Then the certificate of endpoint "laptop-1" is not the one kept as "old"',
      async function (name: string, label: string) {
        const now = (await this.lab()).endpoint(name).identity;
        const kept = this.kept.get(label);
        assert.ok(now && kept, `need both the current certificate of "${name}" and one kept as "${label}"`);
        assert.notEqual(now.certificate.serial, kept.certificate.serial, 'same serial');
        assert.notDeepEqual(now.key.spki, kept.key.spki, 'same key');
      },
    ),
    thenInLab(
      'the certificate of endpoint {string} is the one kept as {string}',
      'The endpoint still holds the same certificate (nothing renewed it).',
      'Then the certificate of endpoint "laptop-2" is the one kept as "before"',
      async function (name: string, label: string) {
        const now = (await this.lab()).endpoint(name).identity;
        const kept = this.kept.get(label);
        assert.ok(now && kept, `need both the current certificate of "${name}" and one kept as "${label}"`);
        assert.equal(
          now.certificate.fingerprint,
          kept.certificate.fingerprint,
          `endpoint "${name}" holds another certificate (serial ${now.certificate.serial}, kept ${kept.certificate.serial})`,
        );
      },
    ),
    thenInLab(
      'EMS, the certificate store and the access proxy agree on the UID and SN of endpoint {string}',
      'The UID and serial match in all three places.',
      'Then EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"',
      async function (name: string) {
        const lab = await this.lab();
        const endpoint = lab.endpoint(name);
        const serial = endpoint.identity?.certificate.serial;
        assert.ok(serial, `endpoint "${name}" holds no certificate`);
        assert.equal(endpoint.identity!.certificate.subjectCN, endpoint.uid);
        assert.equal(lab.ems.registry.require(endpoint.uid).certSn, serial, 'EMS registry');
        assert.equal(lab.gateway(this.gatewayName).records.get(endpoint.uid)?.certSn, serial, 'access proxy record');
      },
    ),
  ],
};
