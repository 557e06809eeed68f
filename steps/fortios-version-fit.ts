/**
 * Whether an access proxy's objects can run on another FortiOS release: each setting in use that
 * came with a later release is refused (VERSION_GATES of src/gateway/fortios-version.ts), as a
 * YAML lab refuses it at its line. A key left at FortiOS's default is not "in use".
 */
import type { SourceLocation } from '../src/errors';
import { type FortiosVersion, policyName, requireFeature, type ZtnaObjects } from '../src/gateway';
import { emsTagTerms } from '../src/lab';

/** Where an object came from: its YAML or configuration line, else its name. */
const where = (what: string, at: SourceLocation | undefined) => ({
  file: at?.file ?? what,
  line: at?.line ?? 1,
  column: at?.column ?? 1,
});

/** Refuses `version` for `objects` when a setting in use needs a later release. */
export function requireVersionFits(objects: ZtnaObjects, version: FortiosVersion): void {
  for (const proxy of objects.accessProxies) {
    const at = where(`access-proxy ${proxy.name}`, proxy.at);
    if (proxy.emptyCertAction === 'accept-unmanageable') requireFeature(version, 'accept-unmanageable', at);
    if (proxy.userAgentDetect === 'disable') requireFeature(version, 'user-agent-detect', at);
  }
  for (const vhost of objects.virtualHosts)
    if (vhost.clientCert ?? vhost.emptyCertAction ?? vhost.userAgentDetect)
      requireFeature(
        version,
        'virtual-host-certificate-settings',
        where(`access-proxy-virtual-host ${vhost.name}`, vhost.at),
      );
  for (const policy of objects.proxyPolicies) {
    const at = where(`proxy-policy ${policyName(policy)}`, policy.at);
    if (policy.ztnaEmsTagNegate === 'enable') requireFeature(version, 'ztna-ems-tag-negate', at);
    // Built-in tag names are spelled per release; reading the names again on `version` refuses the wrong spelling.
    emsTagTerms(policy.ztnaEmsTag, { ...objects, version }, () => at);
  }
}
