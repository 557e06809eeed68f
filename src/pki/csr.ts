import { createPublicKey, sign, verify } from 'node:crypto';
import forge from 'node-forge';
import { badInput } from '../errors';
import {
  type Asn1,
  bitString,
  bytesOf,
  childrenOf,
  derProblem,
  fromDer,
  OID,
  octetString,
  oid,
  oidOf,
  sequence,
  set,
  sha256WithRsa,
  smallInteger,
  toDer,
} from './asn1';
import type { KeyPair } from './keys';
import { type DistinguishedName, decodeName, encodeName } from './name';
import { derOf, toPem } from './pem';

/** A PKCS#10 certificate signing request, parsed; `signatureValid` is checked natively. */
export interface SigningRequest {
  readonly der: Buffer;
  readonly pem: string;
  readonly subject: Partial<DistinguishedName>;
  readonly spki: Buffer;
  readonly keyBits: number;
  /** `rsa`, `ec`, `ed25519`… as node:crypto names the key type. */
  readonly keyType: string;
  /** The OID of the signature algorithm the request is signed with. */
  readonly signatureAlgorithm: string;
  /** EKU OIDs the request asks for in an extensionRequest attribute (empty when it asks none). */
  readonly requestedExtKeyUsage: readonly string[];
  readonly signatureValid: boolean;
}

/** Options of a CSR built by an endpoint agent (and, in tests, deliberately wrong ones). */
export interface CsrOptions {
  readonly subject: DistinguishedName;
  readonly key: KeyPair;
  readonly requestExtKeyUsage?: readonly string[];
  /** Signs with another key than the one the request carries: a forged CSR, for tests. */
  readonly signWith?: KeyPair;
}

/** Creates a CSR the way FortiClient does at registration: subject CN = UID, clientAuth requested. */
export function createCsr(options: CsrOptions): SigningRequest {
  const eku = options.requestExtKeyUsage ?? [OID.clientAuth];
  const extensions = sequence(sequence(oid(OID.extKeyUsage), octetString(toDer(sequence(...eku.map(oid))))));
  const attributes = forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, [
    sequence(oid(OID.extensionRequest), set(extensions)),
  ]);
  const info = sequence(smallInteger(0), encodeName(options.subject), fromDer(options.key.spki), attributes);
  const infoDer = toDer(info);
  const signature = sign('sha256', infoDer, (options.signWith ?? options.key).privateKey);
  return parseCsr(toDer(sequence(fromDer(infoDer), sha256WithRsa(), bitString(signature))));
}

/** Parses a CSR from DER or PEM and verifies its self-signature; malformed input is bad input. */
export function parseCsr(input: Buffer | string): SigningRequest {
  const der = derOf(input, 'CERTIFICATE REQUEST', 'certificate signing request');
  try {
    const [info, algorithm, signatureBits] = childrenOf(fromDer(der));
    const [, subject, spkiNode, attributes] = childrenOf(info!);
    const spki = toDer(spkiNode!);
    const publicKey = publicKeyOf(spkiNode!, spki);
    const signature = bytesOf(signatureBits!).subarray(1);
    const algorithmOid = oidOf(childrenOf(algorithm!)[0]!);
    const signatureValid = algorithmOid === OID.sha256WithRSA && verify('sha256', toDer(info!), publicKey, signature);
    return {
      der,
      pem: toPem('CERTIFICATE REQUEST', der),
      subject: decodeName(subject!),
      spki,
      keyBits: publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
      keyType: publicKey.asymmetricKeyType ?? 'unknown',
      signatureAlgorithm: algorithmOid,
      requestedExtKeyUsage: attributes ? requestedEku(attributes) : [],
      signatureValid,
    };
  } catch (cause) {
    const message = (cause as Error).message;
    throw badInput(
      `not a valid PKCS#10 certificate signing request (${/too few bytes|unparsed der|bits supported/i.test(message) ? derProblem(cause) : message})`,
      undefined,
      cause,
    );
  }
}

function requestedEku(attributes: Asn1): string[] {
  for (const attribute of childrenOf(attributes)) {
    const [type, values] = childrenOf(attribute);
    if (oidOf(type!) !== OID.extensionRequest) continue;
    for (const ext of childrenOf(childrenOf(values!)[0]!)) {
      const parts = childrenOf(ext);
      if (oidOf(parts[0]!) !== OID.extKeyUsage) continue;
      const value = fromDer(bytesOf(parts[parts.length - 1]!));
      return childrenOf(value).map(oidOf);
    }
  }
  return [];
}

/**
 * The CSR's public key. An RSA key is imported from its modulus and exponent as a JWK: OpenSSL 3
 * decodes SPKI DER through its provider decoders at ~0.25 ms a key, a JWK import takes ~0.01 ms.
 */
function publicKeyOf(spkiNode: Asn1, spki: Buffer) {
  const [algorithm, keyBits] = childrenOf(spkiNode);
  if (oidOf(childrenOf(algorithm!)[0]!) === OID.rsaEncryption) {
    const [n, e] = childrenOf(fromDer(bytesOf(keyBits!).subarray(1)));
    const unsigned = (node: Asn1) => {
      const bytes = bytesOf(node);
      return (bytes[0] === 0 ? bytes.subarray(1) : bytes).toString('base64url');
    };
    return createPublicKey({ key: { kty: 'RSA', n: unsigned(n!), e: unsigned(e!) }, format: 'jwk' });
  }
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}
