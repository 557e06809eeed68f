/**
 * oscal-assessment-results.json: the run as an OSCAL 1.1 assessment-results document, for GRC
 * tools that ingest OSCAL. Model reference:
 * https://pages.nist.gov/OSCAL-Reference/models/v1.1.2/assessment-results/json-reference/
 * One result: the run's controls as reviewed-controls, one observation per piece of evidence,
 * one finding per control, and each waiver as a risk with its justification and expiry.
 */
import { type OscalObservation, oscalObservations, prop } from './oscal-observations';
import { statusLabel } from './present';
import type { ControlResult, RunModel, WaiverRecord } from './run-model';
import { stableUuid } from './stable-uuid';

/** The OSCAL version the document is written to. */
export const OSCAL_VERSION = '1.1.2';

/**
 * A catalog id as OSCAL catalogs spell it: SP 800-53 `IA-5(2)` → `ia-5.2`; our own SP 800-207
 * and ZTMM ids lower-cased the same way (`zta-t1`, `ztmm-dev-1`).
 */
export const oscalControlId = (id: string): string => id.toLowerCase().replace(/\((\w+)\)/g, '.$1');

// A waiver expiring on a date holds through that day (see waivers.ts).
const deadlineOf = (expires: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T23:59:59Z` : expires;

function risk(model: RunModel, waiver: WaiverRecord, index: number): Record<string, unknown> {
  const subject = waiver.control ? `control ${waiver.control}` : `scenario ${waiver.scenario}`;
  return {
    uuid: stableUuid(model.run.id, `risk/${index}`),
    title: `Waiver for ${subject}`,
    description: waiver.justification,
    statement: `Accepted by ${waiver.approver} until ${waiver.expires}; the waiver was ${waiver.state} in this run.`,
    props: [prop('approver', waiver.approver), prop('waiver-state', waiver.state)],
    status: waiver.state === 'expired' ? 'open' : 'deviation-approved',
    deadline: deadlineOf(waiver.expires),
  };
}

// The waivers bearing on a control: its own, and those of the scenarios carrying it.
const risksOf = (model: RunModel, control: ControlResult): number[] =>
  model.waivers.flatMap((w, i) =>
    w.control === control.id || (w.scenario !== null && control.scenarios.includes(w.scenario)) ? [i] : [],
  );

function finding(
  model: RunModel,
  control: ControlResult,
  observations: readonly OscalObservation[],
): Record<string, unknown> {
  const id = oscalControlId(control.id);
  const related = observations
    .filter((o) => o.scenario.controls.includes(control.id))
    .map((o) => ({ 'observation-uuid': o.json.uuid }));
  const risks = risksOf(model, control).map((i) => ({ 'risk-uuid': stableUuid(model.run.id, `risk/${i}`) }));
  // Only a pass satisfies a control: not applicable or waived is recorded, never satisfied.
  const satisfied = control.status === 'passed';
  const reason = satisfied ? 'pass' : control.status === 'failed' || control.status === 'incomplete' ? 'fail' : 'other';
  return {
    uuid: stableUuid(model.run.id, `finding/${control.id}`),
    title: `${control.id} ${control.title}`,
    description: `${control.framework}: ${statusLabel(control.status)} over ${control.scenarios.length} scenario(s); ${control.allowEvidence} allow and ${control.denyEvidence} deny decisions as evidence.`,
    props: [prop('framework', control.framework), prop('control-status', statusLabel(control.status))],
    target: {
      type: 'objective-id',
      'target-id': `${id}_obj`,
      title: control.title,
      status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason },
    },
    ...(related.length > 0 && { 'related-observations': related }),
    ...(risks.length > 0 && { 'related-risks': risks }),
  };
}

// One selection per framework: SP 800-53 ids are those of NIST's OSCAL catalog; the SP 800-207
// tenets and CISA ZTMM functions are ids of ztna-harness's own catalog (controls/catalog.yaml).
function controlSelections(reviewed: readonly ControlResult[]): Record<string, unknown>[] {
  if (reviewed.length === 0) return [{ description: 'no control was exercised' }];
  const frameworks = [...new Set(reviewed.map((c) => c.framework))];
  return frameworks.map((framework) => ({
    description: framework.startsWith('NIST SP 800-53')
      ? `${framework} (ids as in NIST's OSCAL SP 800-53 catalog)`
      : `${framework} (ids of the ztna-harness control catalog)`,
    props: [prop('framework', framework)],
    'include-controls': reviewed
      .filter((c) => c.framework === framework)
      .map((c) => ({ 'control-id': oscalControlId(c.id) })),
  }));
}

function result(model: RunModel): Record<string, unknown> {
  const reviewed = model.controls.filter((c) => c.status !== 'not_covered');
  const observations = oscalObservations(model);
  const risks = model.waivers.map((w, i) => risk(model, w, i));
  const { run } = model;
  return {
    uuid: stableUuid(run.id, 'result'),
    title: `${model.tool.name} run ${run.id}`,
    description: `Scenarios run against the ${run.target.kind} target${run.target.url ? ` at ${run.target.url}` : ''}: ${model.summary.scenarios} scenarios, ${model.summary.failures} failures, outcome ${model.summary.outcome}.`,
    start: run.startedAt,
    ...(run.finishedAt && { end: run.finishedAt }),
    props: [
      prop('run-id', run.id),
      prop('target', run.target.kind),
      prop('tls-verify', String(run.target.tlsVerify)),
      prop('outcome', model.summary.outcome),
    ],
    'reviewed-controls': { 'control-selections': controlSelections(reviewed) },
    ...(observations.length > 0 && { observations: observations.map((o) => o.json) }),
    ...(risks.length > 0 && { risks }),
    ...(reviewed.length > 0 && { findings: reviewed.map((c) => finding(model, c, observations)) }),
  };
}

// The suite that was run stands in for the assessment plan: its files and digests.
function backMatter(model: RunModel): Record<string, unknown> {
  const files = [...model.inputs.features, ...model.inputs.scenarioFiles, model.inputs.catalog];
  const rlinks = files.map((f) => ({
    href: f.path,
    ...(f.sha256 && { hashes: [{ algorithm: 'SHA-256', value: f.sha256 }] }),
  }));
  return {
    resources: [
      {
        uuid: stableUuid(model.run.id, 'assessment-plan'),
        title: 'Assessment plan: the feature files, YAML checks and control catalog of the run',
        props: [prop('feature-set-digest', model.inputs.featureSetDigest)],
        ...(rlinks.length > 0 && { rlinks }),
      },
    ],
  };
}

/** The OSCAL assessment-results document of a run; pure. */
export function renderOscal(model: RunModel): string {
  const modified = model.run.finishedAt ?? model.run.startedAt;
  const doc = {
    'assessment-results': {
      uuid: stableUuid(model.run.id, 'assessment-results'),
      metadata: {
        title: `${model.tool.name} assessment results (run ${model.run.id})`,
        published: modified,
        'last-modified': modified,
        version: model.tool.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('tool', `${model.tool.name} ${model.tool.version}`),
          ...(model.run.gitCommit ? [prop('commit', model.run.gitCommit)] : []),
        ],
      },
      'import-ap': {
        href: `#${stableUuid(model.run.id, 'assessment-plan')}`,
        remarks: 'The run had no OSCAL assessment plan; the back-matter resource lists the suite it ran.',
      },
      results: [result(model)],
      'back-matter': backMatter(model),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
