/** What compliance.html shows of a failure: the step, the assertion, the stack collapsed and without dependencies' frames. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleModel } from '../../test/fixtures/report/sample-model';
import { failureParts } from './failure-message';
import { scenariosSection } from './html-scenarios';
import type { RunModel } from './run-model';

/** A message as cucumber records a failed `assert` in a step: the error, then its frames. */
const CUCUMBER_MESSAGE = [
  'AssertionError [ERR_ASSERTION]: expected the request to https://intranet.example.com/ to be allowed with ALLOW, but it was denied (CERT_REVOKED; 063; rule intranet)',
  '    at expectOutcome (/home/u/project/node_modules/ztna-harness/dist/steps/gateway.steps.js:18:26)',
  '    at World.<anonymous> (/home/u/project/features/step_definitions/own.steps.js:7:3)',
  '    at Object.wrapPromiseWithTimeout (/home/u/project/node_modules/@cucumber/cucumber/lib/time.js:56:12)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

const PARTS: readonly { name: string; message: string; assertion: string; frames: number; hidden: number }[] = [
  {
    name: 'failure/assertion-and-own-frames',
    message: CUCUMBER_MESSAGE,
    assertion: CUCUMBER_MESSAGE.split('\n')[0]!,
    frames: 1,
    hidden: 3,
  },
  {
    name: 'failure/no-stack',
    message: 'expected allow, got deny (CERT_EMPTY_MANAGEABLE)',
    assertion: 'expected allow, got deny (CERT_EMPTY_MANAGEABLE)',
    frames: 0,
    hidden: 0,
  },
  {
    name: 'failure/multi-line-assertion',
    message: 'Expected values to be equal:\n\n+ actual - expected\n\n- 2\n+ 1\n    at f (steps/a.ts:1:1)',
    assertion: 'Expected values to be equal:\n+ actual - expected\n- 2\n+ 1',
    frames: 1,
    hidden: 0,
  },
];
for (const { name, message, assertion, frames, hidden } of PARTS) {
  test(name, () => {
    const parts = failureParts(message);
    assert.equal(parts.assertion, assertion);
    assert.equal(parts.frames.length, frames);
    assert.equal(parts.hiddenFrames, hidden);
  });
}

function withMessage(message: string): RunModel {
  const model = sampleModel();
  const failed = model.scenarios.find((s) => s.status === 'failed' && !s.waiver)!;
  return { ...model, scenarios: [{ ...failed, message }] };
}

test('html/failure-shows-step-assertion-and-collapsed-stack', () => {
  const page = scenariosSection(withMessage(CUCUMBER_MESSAGE)).toString();
  assert.match(
    page,
    /<p>Failed step: <strong>Then the request is denied<\/strong> \(features\/[\w-]+\.feature:\d+\)<\/p>/,
  );
  assert.match(
    page,
    /<p>Assertion:<\/p><pre class="assertion">AssertionError \[ERR_ASSERTION\]: expected the request to https:\/\/intranet\.example\.com\/ to be allowed with ALLOW, but it was denied \(CERT_REVOKED; 063; rule intranet\)<\/pre>/,
  );
  const stack =
    /<details class="stack"><summary>Stack trace \(1 frame, 3 of node_modules and Node left out\)<\/summary><pre>([^<]*)<\/pre><\/details>/.exec(
      page,
    );
  assert.ok(stack, page);
  assert.match(stack[1]!, /own\.steps\.js:7:3/);
  assert.doesNotMatch(page, /node_modules[/]|node:internal/, 'no frame of a dependency or of Node');
  assert.doesNotMatch(page, /<details class="stack" open/, 'the stack starts collapsed');
});

test('html/failure-without-stack-has-no-stack-block', () => {
  const page = scenariosSection(withMessage('expected allow, got deny')).toString();
  assert.match(page, /<pre class="assertion">expected allow, got deny<\/pre>/);
  assert.doesNotMatch(page, /class="stack"/);
});
