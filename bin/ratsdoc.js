#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` via `prepare`).
import('../dist/src/cli.js').then((cli) => cli.main(process.argv.slice(2)));
