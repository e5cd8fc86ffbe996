// Shared set-up for the contracts tests: makes sure contracts/node_modules is installed (npm ci,
// once, even when several test files start at the same time) and offers helpers to run the
// contracts scripts and to work on throwaway copies of contracts/.
//
// Run it on its own to install before the tests: node tests/contracts/setup.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const contractsDir = join(repoRoot, 'contracts');
const nodeModules = join(contractsDir, 'node_modules');
const lockDir = join(contractsDir, '.npm-ci.lock');

function installed() {
  const marker = join(nodeModules, '.package-lock.json');
  if (!existsSync(marker) || !existsSync(join(nodeModules, '.bin', 'buf'))) return false;
  return statSync(marker).mtimeMs >= statSync(join(contractsDir, 'package-lock.json')).mtimeMs;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureContractsInstalled() {
  if (installed()) return;
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another npm ci (${lockDir})`);
      sleep(250);
      if (installed()) return;
    }
  }
  try {
    if (installed()) return;
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', contractsDir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`npm ci --prefix contracts failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Imports a module as code inside contracts/ would: "@ditcloud/contracts/<path>" is a generated
 * module in contracts/ts/gen, any other bare name a package installed in contracts/node_modules.
 */
export async function importFromContracts(specifier) {
  const generated = '@ditcloud/contracts/';
  if (specifier.startsWith(generated)) {
    return import(pathToFileURL(join(contractsDir, 'ts', 'gen', `${specifier.slice(generated.length)}.js`)).href);
  }
  const packageDir = join(nodeModules, ...specifier.split('/'));
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const entry = manifest.exports?.['.']?.import?.default ?? manifest.module ?? manifest.main;
  return import(pathToFileURL(join(packageDir, entry)).href);
}

/** Runs a command and returns its status and combined output; never throws on a failing exit. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs one of the contracts/scripts in the given contracts directory. */
export function runScript(dir, script, args = []) {
  return run(process.execPath, [join(dir, 'scripts', script), ...args], { cwd: dir });
}

/**
 * Copies contracts/ (sources, generated code and config, without build output) into a new
 * temporary directory, shares the installed node_modules by symlink, and returns the copy's
 * path. With parent, the copy is made at parent/contracts.
 */
export function copyContracts(parent = mkdtempSync(join(tmpdir(), 'ditcloud-contracts-test-'))) {
  const target = join(parent, 'contracts');
  const skipped = ['node_modules', '.npm-ci.lock', join('events', 'bin'), join('events', 'obj')];
  cpSync(contractsDir, target, {
    recursive: true,
    filter: (source) => {
      const path = relative(contractsDir, source);
      return !skipped.some((skip) => path === skip || path.startsWith(skip + sep));
    },
  });
  symlinkSync(nodeModules, join(target, 'node_modules'), 'dir');
  return target;
}

/** Removes a copy made by copyContracts together with the temporary directory holding it. */
export function removeCopy(copy) {
  rmSync(dirname(copy), { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureContractsInstalled();
  console.log(`contracts/node_modules is installed (${relative(repoRoot, nodeModules)}).`);
}
