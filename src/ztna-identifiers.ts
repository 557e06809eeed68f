/**
 * Facts about FortiClient EMS and FortiGate identifiers that both sides of the fabric use. A
 * leaf module: the gateway may not import EMS, so what they share lives here.
 */

/** A FortiClient UID (a ZTNA certificate's subject CN): 32 upper-case hex characters. */
export const UID_PATTERN = /^[0-9A-F]{32}$/;

/** An EMS serial number as FortiOS prints it, FCTEMS and 10 digits (e.g. FCTEMS8822001234), as a regex source to compose. */
export const EMS_SERIAL_SOURCE = 'FCTEMS\\d{10}';

/** A whole EMS serial number. */
export const EMS_SERIAL_PATTERN = new RegExp(`^${EMS_SERIAL_SOURCE}$`);

/** The certificate SN an endpoint record carries when the endpoint holds no ZTNA certificate. */
export const NO_CERTIFICATE_SN = '0'.repeat(40);

/**
 * `out-of-sync-threshold` of `config endpoint-control fctems`: how long cached endpoint
 * records stay in force after EMS is lost, 180 s by default
 * (https://docs.fortinet.com/document/fortigate/7.6.7/administration-guide/866827).
 */
export const DEFAULT_OUT_OF_SYNC_THRESHOLD_MS = 180_000;
