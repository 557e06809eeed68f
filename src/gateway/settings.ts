/** `config firewall access-proxy` → `empty-cert-action`. */
export type EmptyCertAction = 'accept' | 'block' | 'accept-unmanageable';

export const EMPTY_CERT_ACTIONS: readonly EmptyCertAction[] = ['accept', 'block', 'accept-unmanageable'];

/** The access-proxy settings that shape client authentication. */
export interface AccessProxySettings {
  /** `client-cert enable|disable`. */
  readonly clientCert: boolean;
  readonly emptyCertAction: EmptyCertAction;
  /** `user-agent-detect enable|disable`: classify certificate-less clients by User-Agent. */
  readonly userAgentDetect: boolean;
  /**
   * What to do with a record once the connector is past its out-of-sync threshold. FortiOS does
   * not document it, so the engine fails closed (`deny`) unless told otherwise.
   */
  readonly outOfSyncAction: 'deny' | 'accept';
}

/** FortiOS defaults, with `block` as the empty-cert-action (DESIGN.md §1). */
export const DEFAULT_SETTINGS: AccessProxySettings = {
  clientCert: true,
  emptyCertAction: 'block',
  userAgentDetect: true,
  outOfSyncAction: 'deny',
};
