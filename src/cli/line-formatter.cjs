// Cucumber loads formatters with import(); this CommonJS shim lets it load the TypeScript (or
// compiled) module through require, where ts-node's hook applies during development.
const loaded = require('./line-formatter');
module.exports = loaded.default || loaded;
