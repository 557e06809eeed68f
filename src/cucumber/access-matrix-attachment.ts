/**
 * Puts each lab's access matrix into the report: the cucumber After hook calls
 * attachAccessMatrix(world) once per scenario. A lab whose declaration names endpoints (a YAML
 * scenario file's lab) is built fresh from that declaration — the scenario may have changed its
 * own copy — once per declaration and process; every scenario of that lab attaches the matrix
 * (a few kB), and the report keeps one per lab (see lab-matrices.ts), so a second run in the same
 * process, or a shard, still has it.
 */

import { ACCESS_MATRIX_EVIDENCE, gatewayMatrix, type LabMatrix, sha256 } from '../compliance';
import { createLab, type Lab, type LabSpec } from '../lab';
import { EVIDENCE_MEDIA_TYPE } from './evidence';

/** What the hook needs of the cucumber World (steps/world.ts's ZtnaWorld). */
export interface MatrixWorld {
  readonly exchanges: readonly unknown[];
  lab(): Promise<Lab>;
  attach(data: string, mediaType: string): unknown;
}

const computed = new Map<string, Promise<Omit<LabMatrix, 'scenario'>>>();

/** The id of a lab declaration; the start time is left out (a real proxy's lab starts at now). */
export const labIdOf = (spec: LabSpec): string => sha256(JSON.stringify({ ...spec, clockStart: undefined }));

/** The matrices of a freshly built lab, disposed again afterwards (its keys go back to the pool). */
export async function labMatrixOf(spec: LabSpec): Promise<Omit<LabMatrix, 'scenario'>> {
  const lab = await createLab(spec);
  try {
    const gateways = lab.gateways.map((gateway) => gatewayMatrix(gateway, lab.endpoints));
    return { id: labIdOf(spec), name: spec.name ?? `lab ${labIdOf(spec).slice(0, 12)}`, gateways };
  } finally {
    lab.dispose();
  }
}

/** Attaches the matrix of the scenario's lab (computed the first time this process meets that lab). */
export async function attachAccessMatrix(world: MatrixWorld): Promise<void> {
  if (world.exchanges.length === 0) return; // no request, maybe no lab: never build one here
  const { spec } = await world.lab();
  if (!spec.endpoints?.length) return;
  const id = labIdOf(spec);
  if (!computed.has(id)) computed.set(id, labMatrixOf(spec));
  try {
    const matrix = await computed.get(id)!;
    await world.attach(JSON.stringify({ kind: ACCESS_MATRIX_EVIDENCE, ...matrix }), EVIDENCE_MEDIA_TYPE);
  } catch (error) {
    // The picture is extra evidence: failing to draw it must not fail the scenario it rides on.
    const text = `the access matrix of this lab could not be computed: ${(error as Error).message}`;
    await world.attach(JSON.stringify({ kind: 'note', title: 'access matrix', text }), EVIDENCE_MEDIA_TYPE);
  }
}
