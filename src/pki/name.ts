import forge from 'node-forge';
import { type Asn1, childrenOf, OID, oid, oidOf, printable, sequence, set, utf8 } from './asn1';

/** A distinguished name, with the attributes the harness writes. Order of output: C, O, OU, CN. */
export interface DistinguishedName {
  readonly CN: string;
  readonly O?: string;
  readonly OU?: string;
  readonly C?: string;
}

const ATTRIBUTES: readonly [keyof DistinguishedName, string][] = [
  ['C', OID.country],
  ['O', OID.organization],
  ['OU', OID.organizationalUnit],
  ['CN', OID.commonName],
];

/** Encodes a Name; country as PrintableString (RFC 5280 requires it), the rest as UTF8String. */
export function encodeName(name: DistinguishedName): Asn1 {
  const rdns = ATTRIBUTES.filter(([key]) => name[key] !== undefined).map(([key, id]) =>
    set(sequence(oid(id), key === 'C' ? printable(name[key]!) : utf8(name[key]!))),
  );
  return sequence(...rdns);
}

/** Reads the attributes the harness knows from a Name; others are ignored. */
export function decodeName(node: Asn1): Partial<DistinguishedName> {
  const out: Record<string, string> = {};
  for (const rdn of childrenOf(node)) {
    for (const attribute of childrenOf(rdn)) {
      const [type, value] = childrenOf(attribute);
      const key = ATTRIBUTES.find(([, id]) => id === oidOf(type!))?.[0];
      if (key) out[key] = forge.util.decodeUtf8(value!.value as string);
    }
  }
  return out;
}

/** `CN=…, O=…` for messages and evidence. */
export function formatName(name: Partial<DistinguishedName>): string {
  return [...ATTRIBUTES]
    .reverse()
    .filter(([key]) => name[key] !== undefined)
    .map(([key]) => `${key}=${name[key]}`)
    .join(', ');
}
