#!/usr/bin/env node
// The `shuzhi` command (npx shuzhi …). The CLI itself lives in client/cli.ts.
require('tsx/cjs');
require('../client/cli.ts');
