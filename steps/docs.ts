import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_LIBRARY } from './library';
import { PARAMETER_TYPES } from './parameter-types';

/** docs/steps.md, rendered from the step library itself so that it cannot drift from the code. */
export function renderStepDocs(): string {
  const out = [
    '# Step vocabulary',
    '',
    '<!-- Generated from steps/*.steps.ts by `npm run docs:steps`; a test fails when it is stale. -->',
    '',
    'Every step below works unchanged on every target (in-process, the reference proxy, nginx, a FortiGate).',
    'Names of endpoints, sites, access proxies and labels are quoted. `Given`, `When`, `Then`, `And` and `But` are',
    'interchangeable for cucumber; the keyword shown is the one that reads best.',
    '',
    '## Parameter types',
    '',
    '| type | accepts |',
    '| --- | --- |',
    ...PARAMETER_TYPES.map((t) => `| \`{${t.name}}\` | ${t.summary} |`),
    '| `{string}` | a quoted string |',
    '| `{int}` | a whole number |',
    '',
  ];
  for (const group of STEP_LIBRARY) {
    out.push(`## ${group.actor}`, '', group.intro, '');
    for (const step of group.steps) {
      out.push(`### ${step.keyword} ${step.pattern}`, '', step.summary, '', '```gherkin', step.example, '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (require.main === module) {
  const file = join(__dirname, '..', 'docs', 'steps.md');
  writeFileSync(file, renderStepDocs());
  console.log(`wrote ${file}`);
}
