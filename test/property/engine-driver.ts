/**
 * Drives the real engine (src/lab) with the actions of the property test. One template lab is
 * built per process with real 2048-bit certificates; every sequence runs on a fork of it, which
 * shares those certificates and costs no signature, so only the actions that issue certificates
 * pay for crypto.
 */
import { HarnessError } from '../../src/errors';
import type { Identity } from '../../src/forticlient';
import type { Decision } from '../../src/gateway';
import { parseLabFortiosVersion } from '../../src/gateway';
import { craftFromRecipe, craftIdentity, createLab, type Lab } from '../../src/lab';
import { fortiosSpellingObjects } from '../../src/lab/fortios-spelling';
import { type Certificate, type KeyPair, type KeySource, sharedKeyPool } from '../../src/pki';
import {
  type Action,
  CRAFTED,
  type CraftedName,
  DESKTOP_UA,
  ENDPOINTS,
  type EndpointName,
  GATEWAY_RECONNECT_MS,
  type IdentityChoice,
  INITIAL_TAGS,
  LAB_USERS,
  MOBILE_UA,
  OTHER_SITE,
  OUT_OF_SYNC_THRESHOLD_MS,
  RULES,
  SITE_OF,
} from './actions';
import type { GatewaySpelling } from './gateway-spelling';

const GATEWAY = 'fgt';

/**
 * Keys handed out in turn from a small set: a key pool gives each key once per process, and
 * thousands of sequences would drain it. Which key a certificate carries decides nothing here.
 */
class RecyclingKeys implements KeySource {
  private next = 0;
  constructor(private readonly keys: readonly KeyPair[]) {}
  async take(): Promise<KeyPair> {
    return this.keys[this.next++ % this.keys.length]!;
  }
}

/** The lab every sequence starts from, with its crafted certificates. */
export interface Template {
  readonly lab: Lab;
  readonly crafted: Readonly<Record<CraftedName, Identity>>;
}

export async function buildTemplate(): Promise<Template> {
  const keys = new RecyclingKeys(await Promise.all(Array.from({ length: 16 }, () => sharedKeyPool().take())));
  const lab = await createLab(
    {
      name: 'property template',
      seed: 'property-template',
      sites: [{ name: 'default' }, { name: OTHER_SITE }],
      endpoints: ENDPOINTS.map((name) => ({ name, site: SITE_OF[name], registered: name !== 'd' })),
      gateways: [{ name: GATEWAY, rules: RULES, users: LAB_USERS }],
      links: [{ gateway: GATEWAY, outOfSyncThresholdMs: OUT_OF_SYNC_THRESHOLD_MS }],
    },
    { keys },
  );
  for (const name of ENDPOINTS) if (INITIAL_TAGS[name]) lab.ems.setTags(lab.endpoint(name).uid, INITIAL_TAGS[name]!);
  const now = lab.clock.now();
  const uid = lab.endpoint('a').uid;
  const craft = (options: Omit<Parameters<typeof craftIdentity>[1], 'uid'> & { uid?: string }) =>
    craftIdentity(lab, { uid, ...options });
  const crafted: Record<CraftedName, Identity> = {
    'ems-ssl-chain': await craftFromRecipe(lab, uid, 'ems-ssl-ca'),
    'other-site-root': await craft({ signer: { site: OTHER_SITE } }),
    expired: await craftFromRecipe(lab, uid, 'expired'),
    'not-yet-valid': await craftFromRecipe(lab, uid, 'not-yet-valid'),
    'short-lived': await craft({ notAfter: now + 20 * 60_000 }),
    'server-auth-only': await craftFromRecipe(lab, uid, 'server-auth-only'),
    'ca-flag': await craftFromRecipe(lab, uid, 'ca-flag'),
    'unknown-uid': await craft({ uid: 'F'.repeat(32) }),
    'subject-not-a-uid': await craft({ uid: 'not-a-uid' }),
  };
  if (Object.keys(crafted).length !== CRAFTED.length) throw new Error('a crafted certificate is missing');
  return { lab, crafted };
}

/** A random gateway's objects, read by the loader a lab in FortiOS spelling goes through. */
export function objectsOf(spelling: GatewaySpelling) {
  const version = parseLabFortiosVersion(spelling['fortios-version']);
  return fortiosSpellingObjects(spelling, version, () => ({ file: 'gateway-plan' }), []);
}

/** One sequence's engine: a fork of the template, deciding from a random gateway's objects when there is one. */
export class EngineRun {
  readonly lab: Lab;
  constructor(
    private readonly template: Template,
    spelling: GatewaySpelling | undefined,
  ) {
    this.lab = template.lab.fork();
    if (spelling) this.lab.gateway(GATEWAY).objects = objectsOf(spelling);
  }

  /** Applies a state-changing action; a HarnessError becomes its code, anything else is a bug. */
  async apply(action: Action): Promise<string | undefined> {
    try {
      await this.perform(action);
      return undefined;
    } catch (error) {
      if (error instanceof HarnessError && error.code !== 'BUG') return error.code;
      throw error;
    }
  }

  /** The certificate an identity choice presents (or undefined for none). */
  certificate(choice: IdentityChoice): Certificate | undefined {
    switch (choice.kind) {
      case 'none':
        return undefined;
      case 'crafted':
        return this.template.crafted[choice.name].certificate;
      case 'current':
        return this.lab.endpoint(choice.endpoint).identity?.certificate;
      case 'held': {
        const held = this.lab.endpoint(choice.endpoint).history;
        return held.length === 0 ? undefined : held[Math.max(0, held.length - 1 - choice.back)]!.certificate;
      }
    }
  }

  request(action: Extract<Action, { type: 'request' }>): Decision {
    return this.lab.gateway(GATEWAY).decide({
      certificate: this.certificate(action.identity),
      host: action.host,
      path: action.path,
      port: action.port,
      sourceAddress: action.source,
      user: action.user,
      userAgent: action.mobile ? MOBILE_UA : DESKTOP_UA,
    });
  }

  /** Serials of every certificate each endpoint has held, oldest first. */
  held(name: EndpointName): string[] {
    return this.lab.endpoint(name).history.map((identity) => identity.certificate.serial);
  }

  close(): void {
    this.lab.close();
  }

  private async perform(action: Action): Promise<void> {
    const lab = this.lab;
    const uid = (name: EndpointName) => lab.endpoint(name).uid;
    switch (action.type) {
      case 'request':
        return;
      case 'register':
        await lab.endpoint(action.endpoint).register();
        return;
      case 'reconnect':
        await lab.endpoint(action.endpoint).reconnect();
        return;
      case 'unregister':
        lab.endpoint(action.endpoint).unregister();
        return;
      case 'revoke':
        lab.ems.revokeClientCertificate(uid(action.endpoint));
        return;
      case 'set-tags':
        lab.ems.setTags(uid(action.endpoint), action.tags);
        return;
      case 'set-online':
        lab.ems.setOnline(uid(action.endpoint), action.online);
        return;
      case 'update-root':
        await lab.ems.updateRootCa(action.site);
        return;
      case 'revoke-root':
        await lab.ems.revokeRootCa(action.site);
        return;
      case 'fabric-down':
        lab.link(GATEWAY).takeDown();
        return;
      case 'fabric-up':
        lab.link(GATEWAY).restore();
        return;
      case 'restart-gateway':
        lab.restartGateway(GATEWAY, GATEWAY_RECONNECT_MS);
        return;
      case 'ems-stop':
        lab.stopEms();
        return;
      case 'ems-start':
        await lab.startEms(action.registry);
        return;
      case 'sync-delay':
        lab.link(GATEWAY).setDelay(action.ms);
        return;
      case 'advance':
        lab.clock.advance(action.ms);
        return;
      case 'skew':
        lab.setClockSkew(GATEWAY, action.ms);
        return;
      case 'settings': {
        const gateway = lab.gateway(GATEWAY);
        gateway.settings = { ...gateway.settings, ...action.patch };
        return;
      }
    }
  }
}
