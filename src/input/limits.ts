/**
 * The one set of limits every file the harness reads is held to. Every bound is far above what
 * a real file of its kind holds; they exist so that a wrong or hostile file (a disk image, a log,
 * an alias bomb, a nesting bomb) is refused at once instead of exhausting memory or the stack.
 */

const MiB = 1024 * 1024;

/** The most bytes read of each kind of file a user names. */
export const MAX_BYTES = {
  /** Scenario labs, target files, gate policies, control catalogs. */
  yaml: 2 * MiB,
  /** compliance.json: 10,000 scenarios with evidence are about 40 MiB. */
  report: 64 * MiB,
  /** FortiGate diagnose output and EMS exports of a large estate: 200,000 records are about 180 MiB. */
  audit: 256 * MiB,
  /** A full-config backup of a large FortiGate (tens of thousands of lines, certificates included) is a few megabytes. */
  fortiosConfig: 32 * MiB,
  /** PEM and PKCS#12 files: a certificate bundle of a few hundred roots. */
  pki: 1 * MiB,
  /** A sha256sum line. */
  digest: 4096,
} as const;

/** Lists, maps, objects and arrays nested deeper than this are refused (a lab needs five levels, a report about ten). */
export const MAX_NESTING = 64;

/** YAML aliases expanded at most this often (an alias bomb expands a few lines into gigabytes). */
export const MAX_ALIASES = 100;

/** Which bound applies to a file, and what to call it in a message ("gate policy"). */
export interface FileKind {
  readonly what: string;
  readonly maxBytes: number;
}

/** The kinds of file the harness reads, each with its bound. */
export const KINDS = {
  scenario: { what: 'scenario', maxBytes: MAX_BYTES.yaml },
  target: { what: 'target', maxBytes: MAX_BYTES.yaml },
  gatePolicy: { what: 'gate policy', maxBytes: MAX_BYTES.yaml },
  catalog: { what: 'control catalog', maxBytes: MAX_BYTES.yaml },
  report: { what: 'compliance report', maxBytes: MAX_BYTES.report },
  evidenceBundle: { what: 'evidence bundle', maxBytes: MAX_BYTES.report },
  auditInput: { what: 'audit input', maxBytes: MAX_BYTES.audit },
  fortiosConfig: { what: 'FortiOS configuration', maxBytes: MAX_BYTES.fortiosConfig },
  digest: { what: 'digest', maxBytes: MAX_BYTES.digest },
  /** The JSON Schemas shipped with the package. */
  schema: { what: 'JSON Schema', maxBytes: MAX_BYTES.yaml },
} as const satisfies Record<string, FileKind>;
