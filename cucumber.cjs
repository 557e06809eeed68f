// Cucumber profiles of ztna-harness. `default` runs every feature against the in-process engine.
const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register'],
  require: ['steps/index.ts'],
  format: ['progress'],
  strict: true,
};

module.exports = {
  default: common,
};
