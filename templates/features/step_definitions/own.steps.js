// Steps of your own, beside the ztna-harness step library (cucumber.cjs loads both; keep your
// step files in this folder). `this` is the library's World (ZtnaWorld from ztna-harness/steps):
//   await this.lab()      the scenario's lab: lab.ems, lab.endpoint(name), lab.gateway(name), lab.clock
//   this.lastExchange     the last request (probe) and what came back (observation)
// To add state or helpers of your own, extend the World (see docs/use-in-your-repository.md):
//   const { ZtnaWorld } = require('ztna-harness/steps');
//   setWorldConstructor(class extends ZtnaWorld { ... });
const assert = require('node:assert/strict');
const { Then } = require('@cucumber/cucumber');

Then('no proxy rule was consulted', function () {
  const { observation } = this.lastExchange;
  assert.equal(observation.verdict, 'deny', 'the request was allowed');
  assert.equal(observation.evidence.rule ?? null, null, `rule ${observation.evidence.rule} was consulted`);
});
