// Cucumber configuration, scaffolded by `ztna-harness init`. `npx ztna-harness run` reads it (so
// does `npx cucumber-js`): your features, the ztna-harness step library with your own steps
// beside it, and the compliance report formatter writing into reports/.
const { pathToFileURL } = require('node:url');

// No `paths` here: cucumber would merge them with paths given on the command line, so that
// `npx cucumber-js features/x.feature` ran every feature. Its default is features/**/*.feature.
module.exports = {
  default: {
    // The library's steps and World first, then yours (CommonJS .js files).
    require: [require.resolve('ztna-harness/steps'), 'features/step_definitions/**/*.js'],
    format: ['progress', [pathToFileURL(require.resolve('ztna-harness/formatter')).href, 'reports/run.log']],
    formatOptions: { ztna: { reportsDir: 'reports', target: { kind: 'in-process', url: null, tlsVerify: true } } },
    strict: true,
  },
};
