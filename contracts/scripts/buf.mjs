// Runs the buf binary installed by `npm ci` in this directory, with the local protoc-gen-es
// plugin on the PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const contractsRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(contractsRoot, 'node_modules', '.bin');

export function runBuf(args, options = {}) {
  const buf = join(binDir, 'buf');
  if (!existsSync(buf)) {
    throw new Error(`buf is not installed in ${binDir}: run "npm ci" in ${contractsRoot} first`);
  }
  return spawnSync(buf, args, {
    cwd: contractsRoot,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, ...options.env },
  });
}

export function exitWith(result) {
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
