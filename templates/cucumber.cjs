// Cucumber configuration, scaffolded by `ztna-harness init`. `npx ztna-harness run` reads it (so
// does `npx cucumber-js`): your features, the ztna-harness step library with your own steps
// beside it, and the compliance report formatter writing into reports/.
const { pathToFileURL } = require('node:url');

module.exports = {
  default: {
    paths: ['features/**/*.feature'],
    // The library's steps and World first, then yours (CommonJS .js files).
    require: [require.resolve('ztna-harness/steps'), 'features/step_definitions/**/*.js'],
    format: ['progress', [pathToFileURL(require.resolve('ztna-harness/formatter')).href, 'reports/run.log']],
    formatOptions: { ztna: { reportsDir: 'reports', target: { kind: 'in-process', url: null, tlsVerify: true } } },
    strict: true,
  },
};
