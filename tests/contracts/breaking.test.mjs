import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { contractsDir, copyContracts, ensureContractsInstalled, removeCopy, run, runScript } from './setup.mjs';

const copies = [];
const fresh = (parent) => {
  const copy = copyContracts(parent);
  copies.push(copy);
  return copy;
};
const edit = (file, from, to) => {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
};
const referralProto = (dir) => join(dir, 'dit', 'referral', 'v1', 'referral.proto');
const breakReferralApi = (dir) => {
  // Changes a field's type and removes an rpc: both break existing clients.
  edit(referralProto(dir), 'message GetReferralRequest {\n  // The referral\'s id; required.\n  string referral_id = 1;',
    'message GetReferralRequest {\n  // The referral\'s id; required.\n  int64 referral_id = 1;');
  edit(referralProto(dir), /\n  \/\/ Reads one referral\.[\s\S]*?rpc GetReferral\(GetReferralRequest\) returns \(GetReferralResponse\);\n/.exec(
    readFileSync(referralProto(dir), 'utf8'))[0], '\n');
};
const git = (cwd, ...args) => {
  const result = run('git', ['-c', 'user.name=contracts-test', '-c', 'user.email=contracts-test@example.invalid',
    '-c', 'commit.gpgsign=false', ...args], { cwd });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.output}`);
  return result.output;
};

before(() => ensureContractsInstalled());
after(() => copies.forEach(removeCopy));

test('buf breaking against the main branch passes', () => {
  const result = runScript(contractsDir, 'breaking.mjs');
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /nothing to break|buf breaking against/);
});

test('an unchanged copy and an additive change are not breaking', () => {
  const base = fresh();
  const changed = fresh();
  assert.equal(runScript(changed, 'breaking.mjs', ['--against', base]).status, 0);
  edit(referralProto(changed), '  string referral_id = 1;\n}\n\n// Response for GetReferral.',
    '  string referral_id = 1;\n  // A new optional field.\n  bool include_history = 2;\n}\n\n// Response for GetReferral.');
  const result = runScript(changed, 'breaking.mjs', ['--against', base]);
  assert.equal(result.status, 0, result.output);
});

test('a breaking change fails against an unmodified copy', () => {
  const base = fresh();
  const changed = fresh();
  breakReferralApi(changed);
  const result = runScript(changed, 'breaking.mjs', ['--against', base]);
  assert.notEqual(result.status, 0, `buf breaking passed a breaking change:\n${result.output}`);
  assert.match(result.output, /"referral_id" on message "GetReferralRequest" changed type from "string" to "int64"/);
  assert.match(result.output, /RPC "GetReferral" on service "ReferralService" was deleted/);
});

test('against a main branch without contracts there is nothing to break', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ditcloud-contracts-git-'));
  git(repo, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(repo, 'README.md'), 'no contracts yet\n');
  git(repo, 'add', 'README.md');
  git(repo, 'commit', '--quiet', '-m', 'start');
  const copy = fresh(repo);
  const result = runScript(copy, 'breaking.mjs');
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /nothing to break/);
});

test('against main: an unchanged working tree passes and a breaking edit fails', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ditcloud-contracts-git-'));
  git(repo, 'init', '--quiet', '--initial-branch=main');
  const copy = fresh(repo);
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'contracts');
  const unchanged = runScript(copy, 'breaking.mjs');
  assert.equal(unchanged.status, 0, unchanged.output);
  assert.match(unchanged.output, /buf breaking against .*#branch=main,subdir=contracts/);
  breakReferralApi(copy);
  const broken = runScript(copy, 'breaking.mjs');
  assert.notEqual(broken.status, 0, `breaking change passed against main:\n${broken.output}`);
  assert.match(broken.output, /changed type from "string" to "int64"/);
});
