// Validation of rendered objects against schemas, offline:
// - Kubernetes and KEDA objects with the pinned kubernetes-models packages (generated from the
//   Kubernetes OpenAPI and KEDA's CRDs), and again with TypeScript over the same packages' types,
//   which also rejects fields the schema does not know (a misspelt field the API server drops);
// - the operators' resources with schemas/*.schema.json (see schemas/README.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { here } from './setup.mjs';

/** apiVersion/kind -> [module, export name, type name] of the kubernetes-models packages. */
const models = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'Namespace', 'INamespace'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap', 'IConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service', 'IService'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret', 'ISecret'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'PodDisruptionBudget', 'IPodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'NetworkPolicy', 'INetworkPolicy'],
  'keda.sh/v1alpha1/ScaledObject': ['@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', 'ScaledObject', 'IScaledObject'],
  'keda.sh/v1alpha1/TriggerAuthentication': ['@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication', 'TriggerAuthentication', 'ITriggerAuthentication'],
};

/** Operator resources -> their schema file. */
const operatorSchemas = {
  'rabbitmq.com/v1beta1/RabbitmqCluster': 'rabbitmqcluster.schema.json',
  'postgresql.cnpg.io/v1/Cluster': 'cnpg-cluster.schema.json',
  'redis.redis.opstreelabs.in/v1beta2/Redis': 'redis.schema.json',
  'redis.redis.opstreelabs.in/v1beta2/RedisReplication': 'redisreplication.schema.json',
};

/** Core types an operator schema hands over with "k8s": "...". */
const coreTypes = {
  ObjectMeta: '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta',
  ResourceRequirements: 'kubernetes-models/v1/ResourceRequirements',
  Affinity: 'kubernetes-models/v1/Affinity',
  Toleration: 'kubernetes-models/v1/Toleration',
};

const key = (object) => `${object.apiVersion}/${object.kind}`;
const name = (object) => `${object.kind} ${object.metadata?.name}`;

/** Problems found by the schemas, one line each; empty when every object is valid. */
export async function schemaProblems(objects) {
  const problems = [];
  const validateOperator = await operatorValidators();
  for (const object of objects) {
    const model = models[key(object)];
    if (model) {
      const [module, exported] = model;
      const Model = (await import(module))[exported];
      try {
        new Model(object).validate();
      } catch (error) {
        problems.push(`${name(object)}: ${error.message}`);
      }
    } else if (validateOperator[key(object)]) {
      const validate = validateOperator[key(object)];
      if (!validate(object)) {
        for (const e of validate.errors) problems.push(`${name(object)}: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`);
      }
    } else {
      problems.push(`${name(object)}: no schema for ${key(object)}; add it to tests/k8s/validate.mjs before publishing it`);
    }
  }
  return problems;
}

async function operatorValidators() {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv');
  const core = {};
  for (const [type, module] of Object.entries(coreTypes)) {
    const exported = type === 'ObjectMeta' ? 'ObjectMeta' : type;
    core[type] = (await import(module))[exported];
  }
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addKeyword({
    keyword: 'k8s',
    errors: true,
    validate: function check(type, data) {
      try {
        new core[type](data).validate();
        return true;
      } catch (error) {
        check.errors = [{ keyword: 'k8s', message: `is not a valid ${type}: ${error.message}`, params: {} }];
        return false;
      }
    },
  });
  const validators = {};
  for (const [k, file] of Object.entries(operatorSchemas)) {
    const schema = JSON.parse(readFileSync(join(here, 'schemas', file), 'utf8'));
    validators[k] = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  }
  return validators;
}

/**
 * Fields the Kubernetes and KEDA types do not have: each object becomes an object literal that
 * must satisfy its type, and the TypeScript compiler reports excess or mistyped properties.
 */
export function strictFieldProblems(objects) {
  const typed = objects.filter((o) => models[key(o)]);
  const imports = [...new Set(typed.map((o) => models[key(o)]))]
    .map(([module, , type]) => `import type { ${type} } from ${JSON.stringify(module)};`);
  const lines = typed.map((o, i) =>
    `// ${name(o)}\nexport const o${i} = ${JSON.stringify(o, null, 1)} satisfies ${models[key(o)][2]};`);
  const dir = mkdtempSync(join(here, '.strict-'));
  try {
    const file = join(dir, 'objects.ts');
    writeFileSync(file, [...imports, ...lines].join('\n'));
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath,
      [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', file],
      { cwd: here, encoding: 'utf8' });
    if (result.status === 0) return [];
    return result.stdout.split('\n').filter((l) => l.includes('error TS')).map((l) => l.replace(/^.*objects\.ts/, 'objects.ts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
