#!/usr/bin/env node
// `dropkit`: most of a one-creator `dropkit forge` is spent waiting for its renderer child to
// start, and Node reaches the first line of a CommonJS entry ~30 ms sooner than that of an ES
// module. So this entry forks the first renderer, then loads the CLI (ES modules), which adopts
// it (render/isolated.ts).
'use strict';
if (process.argv[2] === 'forge') require('./render/fork.cjs').prestartRenderer();
import('./cli.js');
