// Runs every browser journey (files *.test.mjs) with node's test runner against a fresh demo server.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.mjs')).sort();
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  cwd: new URL('.', import.meta.url).pathname,
});
process.exit(r.status ?? 1);
