// `node scripts/generate.mjs` regenerates ts/gen from the protos (buf generate, buf.gen.yaml).
// `node scripts/generate.mjs --check` generates into a temporary directory instead and exits 1
// when ts/gen differs from it (a file changed, missing or extra), so stale output fails CI.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { contractsRoot, exitWith, runBuf } from './buf.mjs';

const generatedDir = join('ts', 'gen');

function listFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  return files.sort();
}

function differences(expectedDir, actualDir) {
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const found = [];
  for (const file of expected) {
    if (!actual.includes(file)) found.push(`missing: ${file}`);
    else if (!readFileSync(join(expectedDir, file)).equals(readFileSync(join(actualDir, file)))) {
      found.push(`changed: ${file}`);
    }
  }
  for (const file of actual) {
    if (!expected.includes(file)) found.push(`extra:   ${file}`);
  }
  return found;
}

if (!process.argv.includes('--check')) {
  exitWith(runBuf(['generate']));
}

function check() {
  const scratch = mkdtempSync(join(tmpdir(), 'ditcloud-contracts-gen-'));
  try {
    const result = runBuf(['generate', '--output', scratch]);
    if (result.error) throw result.error;
    if (result.status !== 0) return result.status ?? 1;
    const found = differences(join(scratch, generatedDir), join(contractsRoot, generatedDir));
    if (found.length > 0) {
      console.error(`contracts/${generatedDir} is stale (${found.length} file(s) differ from the protos):`);
      for (const line of found) console.error(`  ${line}`);
      console.error('Run "npm run generate" in contracts/ and commit the result.');
      return 1;
    }
    console.log(`contracts/${generatedDir} is up to date with the protos.`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = check();
