// cucumber-js imports formatters with import(), which cannot load a .ts file; this CommonJS shim
// require()s the plugin instead: formatter.js when compiled, formatter.ts through ts-node (which
// the profile's requireModule has normally registered already; if not, it is registered here).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (!require.extensions['.ts'] && !existsSync(join(__dirname, 'formatter.js')))
  require('ts-node').register({ transpileOnly: true });
const loaded = require('./formatter');
module.exports = loaded.default || loaded;
