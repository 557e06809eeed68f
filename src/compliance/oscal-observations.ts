import { decisionLine, scenarioStatusLabel } from './present';
import type { Evidence, RunModel, ScenarioResult } from './run-model';
import { stableUuid } from './stable-uuid';

/** Namespace of the OSCAL properties ztna-harness defines (OSCAL wants one for non-NIST names). */
export const OSCAL_NS = 'urn:ztna-harness:oscal';

/** One OSCAL property in the ztna-harness namespace. Values are single-line, never blank. */
export const prop = (name: string, value: string): { name: string; ns: string; value: string } => ({
  name,
  ns: OSCAL_NS,
  value: value.replace(/\s+/g, ' ').trim() || '-',
});

/** An observation, with the scenario it came from (the findings link them by control). */
export interface OscalObservation {
  readonly scenario: ScenarioResult;
  readonly json: Record<string, unknown>;
}

function evidenceText(item: Evidence): { title: string; text: string } {
  switch (item.kind) {
    case 'decision':
      return { title: `decision: ${item.verdict} ${item.reason ?? ''}`.trim(), text: decisionLine(item) };
    case 'not-applicable':
      return { title: 'not applicable', text: item.reason };
    case 'note':
      return { title: item.title, text: item.text };
    case 'other':
      return { title: `evidence of kind ${item.declaredKind ?? 'unknown'}`, text: JSON.stringify(item.data) };
  }
}

function decisionProps(item: Evidence): ReturnType<typeof prop>[] {
  if (item.kind !== 'decision') return [];
  const facts: [string, string | null][] = [
    ['verdict', item.verdict],
    ['reason', item.reason],
    ['fortios-code', item.fortiosCode],
    ['rule', item.rule],
    ['endpoint', item.endpoint],
    ['destination', item.probe.host && `${item.probe.host}${item.probe.path ?? ''}`],
    ['decision-time', item.virtualTime],
    ['target', item.target],
  ];
  return facts.flatMap(([name, value]) => (value ? [prop(name, value)] : []));
}

/**
 * One observation per piece of evidence (a scenario without evidence gets one for its
 * outcome), method TEST, pointing at its compliance.json entry and its feature file:line.
 */
export function oscalObservations(model: RunModel): OscalObservation[] {
  const collected = model.run.finishedAt ?? model.run.startedAt;
  return model.scenarios.flatMap((scenario, s) => {
    const items: (Evidence | null)[] = scenario.evidence.length > 0 ? [...scenario.evidence] : [null];
    return items.map((item, e) => {
      const pointer = item ? `#/scenarios/${s}/evidence/${e}` : `#/scenarios/${s}`;
      const { title, text } = item
        ? evidenceText(item)
        : { title: 'outcome', text: scenario.message ?? `scenario ${scenarioStatusLabel(scenario)}` };
      const where = `${scenario.location.file}:${scenario.location.line}`;
      const json = {
        uuid: stableUuid(model.run.id, `observation${pointer}`),
        title: `${scenario.name}: ${title}`,
        description: text,
        props: [
          prop('scenario', scenario.id),
          prop('scenario-status', scenarioStatusLabel(scenario)),
          ...(item ? decisionProps(item) : []),
        ],
        methods: ['TEST'],
        types: ['control-objective'],
        'relevant-evidence': [
          { href: `compliance.json${pointer}`, description: `compliance.json entry ${pointer.slice(1)}` },
          {
            href: scenario.location.file,
            description: `${where} (${scenario.feature})`,
            props: [prop('line', String(scenario.location.line))],
          },
        ],
        collected,
      };
      return { scenario, json };
    });
  });
}
