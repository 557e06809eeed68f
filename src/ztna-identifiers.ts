/**
 * Facts about FortiClient EMS and FortiGate identifiers that both sides of the fabric use. A
 * leaf module: the gateway may not import EMS, so what they share lives here.
 */

/** A FortiClient UID (a ZTNA certificate's subject CN): 32 upper-case hex characters. */
export const UID_PATTERN = /^[0-9A-F]{32}$/;

/** The certificate SN an endpoint record carries when the endpoint holds no ZTNA certificate. */
export const NO_CERTIFICATE_SN = '0'.repeat(40);

/**
 * `out-of-sync-threshold` of `config endpoint-control fctems`: how long cached endpoint
 * records stay in force after EMS is lost, 180 s by default
 * (https://docs.fortinet.com/document/fortigate/7.6.7/administration-guide/866827).
 */
export const DEFAULT_OUT_OF_SYNC_THRESHOLD_MS = 180_000;
