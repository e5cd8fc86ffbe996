// Checks the protos in this directory for changes that would break existing clients (buf breaking,
// FILE rules).
//   node scripts/breaking.mjs                   against this directory on the main branch
//   node scripts/breaking.mjs --branch <name>   against this directory on another local branch
//   node scripts/breaking.mjs --against <input> against any buf input (a directory, a .git path)
// When the branch does not contain these contracts yet there is nothing to break: it says so and
// passes.
import { spawnSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { contractsRoot, exitWith, runBuf } from './buf.mjs';

function option(name) {
  const index = process.argv.indexOf(name);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`${name} needs a value`);
    process.exit(2);
  }
  return value;
}

function git(args, cwd = contractsRoot) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

const explicit = option('--against');
if (explicit !== undefined) {
  exitWith(runBuf(['breaking', '.', '--against', explicit]));
}

const branch = option('--branch') ?? 'main';
const prefix = git(['rev-parse', '--show-prefix']);
if (!prefix.ok) {
  console.error(`contracts/ is not inside a git repository (${prefix.err}); use --against <input>.`);
  process.exit(2);
}
if (!git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).ok) {
  console.error(`There is no local branch "${branch}" to compare with; fetch it or use --against <input>.`);
  process.exit(2);
}
const subdir = prefix.out.replace(/\/$/, '');
const topLevel = git(['rev-parse', '--show-toplevel']).out;
const protosOnBranch = git(['ls-tree', '-r', '--name-only', branch, '--', subdir === '' ? '.' : subdir], topLevel);
if (!protosOnBranch.ok) {
  console.error(`Could not list ${branch}: ${protosOnBranch.err}`);
  process.exit(2);
}
if (!protosOnBranch.out.split('\n').some((path) => path.endsWith('.proto'))) {
  console.log(`Branch ${branch} has no .proto files under ${subdir || '.'}/ yet: nothing to break, passing.`);
  process.exit(0);
}
let gitDir = git(['rev-parse', '--git-common-dir']).out;
if (!isAbsolute(gitDir)) gitDir = join(contractsRoot, gitDir);
const against = `${gitDir}#branch=${branch}${subdir === '' ? '' : `,subdir=${subdir}`}`;
console.log(`buf breaking against ${against}`);
exitWith(runBuf(['breaking', '.', '--against', against]));
