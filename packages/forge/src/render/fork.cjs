// How a renderer child is started, shared by render/isolated.ts and the CLI's CommonJS entry
// (cli-entry.cjs), which forks the first child before the CLI's ES modules load. Plain CommonJS
// so both can require the same module instance.
'use strict';
const { fork } = require('node:child_process');
const { join } = require('node:path');

const CHILD_ENTRY = join(__dirname, 'render-child.cjs');

function forkRenderer() {
  return fork(CHILD_ENTRY, [], {
    serialization: 'advanced',
    // resvg prints a panic message before aborting; we report our own error instead. (A piped
    // stream would also keep the caller's process alive.)
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    // Never inherit a loader such as vitest's; the child is plain JavaScript.
    execArgv: [],
  });
}

let prestarted;

/**
 * Forks one renderer now, for the next IsolatedRenderer to adopt. Its `ready` message may come
 * before anyone listens, so it is remembered here; unadopted, it never keeps this process alive.
 */
function prestartRenderer() {
  const child = forkRenderer();
  const record = { child, ready: false };
  child.on('message', (message) => {
    if (message && message.ready === true) record.ready = true;
  });
  child.on('error', () => {});
  child.unref();
  if (child.channel) child.channel.unref();
  prestarted = record;
  return child;
}

/** The prestarted renderer, once, if it is still alive. */
function takePrestarted() {
  const record = prestarted;
  prestarted = undefined;
  if (!record || record.child.exitCode !== null || record.child.signalCode !== null || !record.child.connected) return undefined;
  return record;
}

module.exports = { forkRenderer, prestartRenderer, takePrestarted };
