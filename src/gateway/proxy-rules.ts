/**
 * One flat rule of a lab's shorthand `rules:`: what shorthand-policy.ts turns into a ZTNA rule
 * of the one shorthand ZTNA server (rule processing itself is ztna-policy.ts).
 */
export interface ProxyRule {
  readonly name: string;
  /** Destination host: exact, `*.suffix`, or `*` (default). */
  readonly host?: string;
  /** Destination path prefix (default `/`). */
  readonly path?: string;
  /** `ztna-ems-tag`; empty or absent matches every device. */
  readonly tags?: readonly string[];
  readonly tagsMatch?: 'or' | 'and';
  readonly negate?: boolean;
  readonly action: 'accept' | 'deny';
  /** `users`: only these authenticated users match. */
  readonly users?: readonly string[];
  /** `groups`: only authenticated members of these user groups match. */
  readonly groups?: readonly string[];
}
