import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { contractsDir, copyContracts, ensureContractsInstalled, removeCopy, run } from './setup.mjs';

const buf = () => join(contractsDir, 'node_modules', '.bin', 'buf');
const copies = [];

before(() => ensureContractsInstalled());
after(() => copies.forEach(removeCopy));

test('buf lint passes on the contracts', () => {
  const result = run(buf(), ['lint'], { cwd: contractsDir });
  assert.equal(result.status, 0, result.output);
});

test('buf lint fails on a proto that breaks the STANDARD and COMMENTS rules', () => {
  const copy = copyContracts();
  copies.push(copy);
  mkdirSync(join(copy, 'dit', 'bad', 'v1'), { recursive: true });
  writeFileSync(
    join(copy, 'dit', 'bad', 'v1', 'bad.proto'),
    [
      'syntax = "proto3";',
      '// Declared in the wrong package for its directory.',
      'package dit.wrong.v1;',
      '// No Service suffix; one message shared by two rpcs.',
      'service Bad {',
      '  // Gets.',
      '  rpc Get(Thing) returns (Thing);',
      '  // Puts.',
      '  rpc Put(Thing) returns (Thing);',
      '}',
      '// A thing.',
      'message Thing {',
      '  string BadName = 1;',
      '}',
      '// Colours without an UNSPECIFIED zero value or prefixed values.',
      'enum Colour {',
      '  // Red.',
      '  RED = 0;',
      '}',
      '',
    ].join('\n'),
  );
  const result = run(join(copy, 'node_modules', '.bin', 'buf'), ['lint', '--error-format=json'], { cwd: copy });
  assert.notEqual(result.status, 0, 'buf lint passed a deliberately bad proto');
  const rules = new Set(result.output.trim().split('\n').map((line) => JSON.parse(line).type));
  for (const rule of [
    'PACKAGE_DIRECTORY_MATCH',
    'SERVICE_SUFFIX',
    'RPC_REQUEST_STANDARD_NAME',
    'RPC_REQUEST_RESPONSE_UNIQUE',
    'FIELD_LOWER_SNAKE_CASE',
    'ENUM_ZERO_VALUE_SUFFIX',
    'ENUM_VALUE_PREFIX',
    'COMMENT_FIELD',
  ]) {
    assert.ok(rules.has(rule), `expected a ${rule} failure in:\n${result.output}`);
  }
});

test('each service proto sits in its versioned package with a C# namespace', () => {
  const image = run(buf(), ['build', '--exclude-imports', '--output', '-#format=json'], { cwd: contractsDir });
  assert.equal(image.status, 0, image.output);
  const files = Object.fromEntries(JSON.parse(image.output).file.map((file) => [file.name, file]));
  const expected = {
    'dit/referral/v1/referral.proto': ['dit.referral.v1', 'DitCloud.Referral.V1', 'ReferralService'],
    'dit/scheduling/v1/scheduling.proto': ['dit.scheduling.v1', 'DitCloud.Scheduling.V1', 'SchedulingService'],
    'dit/formulation/v1/formulation.proto': ['dit.formulation.v1', 'DitCloud.Formulation.V1', 'FormulationService'],
    'dit/outcomes/v1/outcomes.proto': ['dit.outcomes.v1', 'DitCloud.Outcomes.V1', 'OutcomesService'],
    'dit/testing/v1/echo.proto': ['dit.testing.v1', 'DitCloud.Testing.V1', 'EchoService'],
  };
  for (const [name, [pkg, namespace, service]] of Object.entries(expected)) {
    const file = files[name];
    assert.ok(file, `${name} is missing`);
    assert.equal(file.package, pkg, name);
    assert.equal(file.options?.csharpNamespace, namespace, name);
    assert.deepEqual(file.service.map((s) => s.name), [service], name);
    const imports = file.dependency ?? [];
    for (const imported of imports) {
      assert.match(imported, /^google\/protobuf\//, `${name} imports ${imported}: only well-known types`);
    }
  }
});
