// Type-checks the usage example in ts/README.md against the generated declarations, so the
// example front-end teams copy keeps compiling as the APIs change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsRoot } from './buf.mjs';

const readme = readFileSync(join(contractsRoot, 'ts', 'README.md'), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(readme);
if (!example) {
  console.error('ts/README.md has no ```ts example block');
  process.exit(1);
}
// Inside contracts/ so that the packages in node_modules resolve.
const scratch = mkdtempSync(join(contractsRoot, '.example-'));
try {
  const file = join(scratch, 'example.ts');
  writeFileSync(file, `declare const accessToken: string;\n${example[1]}\nexport {};\n`);
  const result = spawnSync(
    join(contractsRoot, 'node_modules', '.bin', 'tsc'),
    ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', file],
    { stdio: 'inherit', cwd: contractsRoot },
  );
  if (result.error) throw result.error;
  if (result.status === 0) console.log('The ts/README.md example type-checks.');
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
