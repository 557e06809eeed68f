import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_ACTIONS, type LabAction } from '../src/lab';
import { STEP_LIBRARY } from './library';
import { PARAMETER_TYPES } from './parameter-types';

/** docs/steps.md, rendered from the step library itself so that it cannot drift from the code. */
export function renderStepDocs(): string {
  const out = [
    '# Step vocabulary',
    '',
    '<!-- Generated from steps/*.steps.ts and src/lab/lab-actions.ts by `npm run docs:steps`; a test fails when it is stale. -->',
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
  out.push(...labActionDocs());
  return `${out.join('\n').trimEnd()}\n`;
}

/** The lab actions table: what a YAML check's `before:` and the admin API (`serve`) can change. */
function labActionDocs(): string[] {
  const rows = Object.entries(LAB_ACTIONS).map(([name, a]: [string, LabAction]) => {
    const step = a.step
      ? `\`${a.step(a.subject === 'seconds' ? '60' : 'NAME').replace(/\n\s*/g, ' ')}\``
      : 'admin API only';
    const body = `\`{"${a.subject}": ${a.subject === 'seconds' ? 'N' : 'NAME'}${a.withTags ? ', "tags": [..]' : ''}}\``;
    return `| \`${name}\`${a.aliases ? ` (formerly ${a.aliases.map((x) => `\`${x}\``).join(', ')})` : ''} | ${a.summary} | ${step} | ${body} |`;
  });
  return [
    '## Lab actions',
    '',
    "A YAML check's `before:` entries (`- { advance-seconds: 60 }`) and the admin API of `serve` (`POST /admin/<action>`) take the same actions.",
    '',
    '| action | what changes | YAML `before:` runs | admin API body |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

if (require.main === module) {
  const file = join(__dirname, '..', 'docs', 'steps.md');
  writeFileSync(file, renderStepDocs());
  console.log(`wrote ${file}`);
}
