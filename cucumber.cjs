// Cucumber profiles of ztna-harness. Each runs every feature and writes the compliance reports
// (compliance.json, .html, junit.xml, compliance.md) into its own reports folder.
// No profile sets `paths`: cucumber merges a profile's paths with those on the command line, so
// `npx cucumber-js features/x.feature` would run everything; without them cucumber's own default
// (features/**/*.{feature,feature.md}) applies, and a path on the command line replaces it.
const report = (reportsDir, target) => ({
  format: ['progress', ['./src/cucumber/formatter.cjs', `${reportsDir}/run.log`]],
  formatOptions: { ztna: { reportsDir, target } },
});

const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/index.ts'],
  strict: true,
};

module.exports = {
  // The embedded default: the in-process engine.
  default: { ...common, ...report('reports', { kind: 'in-process', url: null, tlsVerify: true }) },
  // The same features over real TLS: the reference access proxy on a free loopback port.
  wire: {
    ...common,
    ...report('reports/wire', { kind: 'wire', url: 'https://127.0.0.1', tlsVerify: true }),
    worldParameters: { target: 'wire' },
  },
  // The same features against a real nginx enforcing the exported configuration.
  nginx: {
    ...common,
    ...report('reports/nginx', { kind: 'nginx', url: 'https://127.0.0.1', tlsVerify: true }),
    worldParameters: { target: 'nginx' },
  },
  // The same features against a real HAProxy enforcing the exported configuration.
  haproxy: {
    ...common,
    ...report('reports/haproxy', { kind: 'haproxy', url: 'https://127.0.0.1', tlsVerify: true }),
    worldParameters: { target: 'haproxy' },
  },
};
