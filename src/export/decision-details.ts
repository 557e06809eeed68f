import { X509Certificate } from 'node:crypto';
import type { AccessProxySettings } from '../gateway';
import type { Certificate } from '../pki';

/**
 * The `detail` of each decision the generated proxy configurations can tell, in the engine's own
 * words (gateway.decide()), so that `Then … because "<detail>"` compares alike on every backend.
 * Keys are what the configs carry internally; a proxy sends the text as X-ZTNA-Detail.
 */
export const DECISION_DETAILS = {
  'untrusted-issuer': 'untrusted-issuer',
  'root-revoked': 'root-revoked',
  'bad-signature': 'bad-signature',
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  'not-client-auth': 'not-client-auth',
  'subject-not-a-uid': 'subject-not-a-uid',
  'record-has-no-certificate': 'record-has-no-certificate',
  'sn-mismatch': 'sn-mismatch',
  'record-out-of-sync': 'record-out-of-sync',
  // A verification failure the proxy names no better: never equal to an engine detail.
  'tls-verify-failed': 'tls-verify-failed',
  revoked: 'serial revoked on EMS and synced',
  'no-record': 'no endpoint record for the UID',
  offline: 'record says offline',
  'empty-block': 'no client certificate; empty-cert-action block',
  'empty-manageable': 'no client certificate from a unknown device; empty-cert-action accept-unmanageable',
  'anonymous-accept': 'no client certificate; empty-cert-action accept',
  'anonymous-accept-unmanageable': 'no client certificate; empty-cert-action accept-unmanageable',
  'client-cert-disabled': 'client-cert disabled: no certificate requested',
} as const;

export type DetailKey = keyof typeof DECISION_DETAILS;

/** The detail of a request the access proxy lets into rule processing without a device. */
export function anonymousDetail(settings: Pick<AccessProxySettings, 'clientCert' | 'emptyCertAction'>): DetailKey {
  if (!settings.clientCert) return 'client-cert-disabled';
  return settings.emptyCertAction === 'accept' ? 'anonymous-accept' : 'anonymous-accept-unmanageable';
}

const RFC2253_SPECIAL = /[,+"\\<>;]/g;

/**
 * A certificate's subject as OpenSSL prints it with RFC 2253 flags — what nginx's
 * `$ssl_client_i_dn` and HAProxy's `ssl_c_i_dn(,0,rfc2253)` give for the issuer of a client
 * certificate it signed: the RDNs last to first, special characters escaped.
 */
export function rfc2253Subject(certificate: Certificate): string {
  const rdns = new X509Certificate(certificate.pem).subject.split('\n').filter(Boolean);
  return rdns
    .reverse()
    .map((rdn) => {
      const at = rdn.indexOf('=');
      const value = rdn
        .slice(at + 1)
        .replace(RFC2253_SPECIAL, '\\$&')
        .replace(/^[ #]/, '\\$&')
        .replace(/ $/, '\\ ');
      return `${rdn.slice(0, at)}=${value}`;
    })
    .join(',');
}
