// The manifests `publish kubernetes` writes, for the real AppHost's model and for the sample with
// the system's full shape: rendered by kubectl kustomize for dev and prod, valid against the
// Kubernetes, KEDA and operator schemas, held to the deployment rules, and the same every time.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ensureInstalled, models, overlays, publish, readTree, render, tempDir } from './setup.mjs';

ensureInstalled();
const { parseAllDocuments } = await import('yaml');
const { schemaProblems, strictFieldProblems } = await import('./validate.mjs');
const rules = await import('./rules.mjs');

const parse = (text) => parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
const list = (problems) => `\n  ${problems.join('\n  ')}`;

for (const model of Object.keys(models)) {
  describe(`${model} model`, () => {
    const rendered = {};
    before(() => {
      const dir = tempDir({ after: (fn) => process.on('exit', fn) });
      const published = publish(model, dir);
      for (const overlay of overlays) rendered[overlay] = parse(render(published, overlay));
    });

    for (const overlay of overlays) {
      test(`${overlay}: renders with kubectl kustomize into one namespace`, () => {
        const objects = rendered[overlay];
        assert.ok(objects.length > 0);
        const namespaced = objects.filter((o) => o.kind !== 'Namespace');
        assert.deepEqual([...new Set(namespaced.map((o) => o.metadata.namespace))], ['ditcloud']);
        const names = objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`);
        assert.equal(new Set(names).size, names.length, 'no object twice');
      });

      test(`${overlay}: every object validates against its Kubernetes, KEDA or operator schema`, async () => {
        const problems = await schemaProblems(rendered[overlay]);
        assert.deepEqual(problems, [], list(problems));
      });

      test(`${overlay}: no object has a field its type does not know`, () => {
        const problems = strictFieldProblems(rendered[overlay]);
        assert.deepEqual(problems, [], list(problems));
      });

      for (const rule of rules.allRules) {
        test(`${overlay}: ${rule.name}`, () => {
          const problems = rule(rendered[overlay]);
          assert.deepEqual(problems, [], list(problems));
        });
      }
    }
  });
}

describe('sample model in detail', () => {
  let dev;
  let prod;
  before(() => {
    const dir = tempDir({ after: (fn) => process.on('exit', fn) });
    const published = publish('sample', dir);
    dev = parse(render(published, 'dev'));
    prod = parse(render(published, 'prod'));
  });

  const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);

  test('every project becomes a Deployment; consumers scale on their queues, the gateway on CPU', () => {
    const deployments = dev.filter((o) => o.kind === 'Deployment').map((d) => d.metadata.name).sort();
    assert.deepEqual(deployments, ['formulation', 'gateway', 'outcomes', 'referral', 'scheduling']);
    const trigger = find(dev, 'ScaledObject', 'referral').spec.triggers.find((t) => t.type === 'rabbitmq');
    assert.equal(trigger.metadata.queueName, '^referral-[a-z0-9-]+$');
    assert.ok(!new RegExp(trigger.metadata.queueName).test('referral-referral-submitted_error'), 'error queues do not count');
    assert.ok(find(dev, 'HorizontalPodAutoscaler', 'gateway'));
  });

  test('the overlays size things differently: dev small, prod with three of each stateful part', () => {
    assert.equal(find(dev, 'RabbitmqCluster', 'bus').spec.replicas, 1);
    assert.equal(find(prod, 'RabbitmqCluster', 'bus').spec.replicas, 3);
    assert.equal(find(dev, 'Cluster', 'pg-referral-db').spec.instances, 1);
    assert.equal(find(prod, 'Cluster', 'pg-referral-db').spec.instances, 3);
    assert.equal(find(prod, 'ScaledObject', 'referral').spec.minReplicaCount, 3);
    assert.ok(find(dev, 'Redis', 'cache'));
    assert.equal(find(prod, 'RedisReplication', 'cache').spec.clusterSize, 3);
    assert.equal(find(prod, 'ConfigMap', 'cache-endpoint').data.host, 'cache-master');
  });

  test('one database per service, each reachable only by its owner', () => {
    const clusters = dev.filter((o) => o.kind === 'Cluster');
    assert.deepEqual(clusters.map((c) => c.spec.bootstrap.initdb.database).sort(), ['formulation', 'outcomes', 'referral', 'scheduling']);
    const policy = find(dev, 'NetworkPolicy', 'pg-referral-db');
    const users = policy.spec.ingress[0].from[0].podSelector.matchExpressions[0].values;
    assert.deepEqual(users, ['referral']);
  });

  test('service discovery names the headless Service; the instance id is the pod name', () => {
    const env = find(dev, 'Deployment', 'scheduling').spec.template.spec.containers[0].env;
    assert.equal(env.find((e) => e.name === 'services__referral__grpc__0').value, 'http://referral:8080');
    assert.equal(env.find((e) => e.name === 'DIT_INSTANCE_ID').valueFrom.fieldRef.fieldPath, 'metadata.name');
    assert.equal(env.find((e) => e.name === 'OTEL_RESOURCE_ATTRIBUTES').value, 'service.instance.id=$(DIT_INSTANCE_ID)');
  });
});

describe('publishing', () => {
  test('twice gives byte-identical files', (t) => {
    const first = readTree(publish('sample', tempDir(t)));
    const second = readTree(publish('sample', tempDir(t)));
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    for (const [path, bytes] of first) assert.ok(bytes.equals(second.get(path)), `${path} differs`);
  });

  test('the registry, tag, namespace and collector are options', (t) => {
    const published = publish('sample', tempDir(t),
      ['--registry', 'registry.example.nhs.uk/dit', '--tag', '1.4.2', '--namespace', 'dit-test', '--otlp-endpoint', 'http://collector.telemetry.svc:4317']);
    const objects = parse(render(published, 'prod'));
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'referral');
    assert.equal(deployment.metadata.namespace, 'dit-test');
    assert.equal(deployment.spec.template.spec.containers[0].image, 'registry.example.nhs.uk/dit/referral:1.4.2');
    assert.equal(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'ditcloud-telemetry').data.endpoint, 'http://collector.telemetry.svc:4317');
    const egress = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'referral').spec.egress.at(-1);
    assert.equal(egress.to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], 'telemetry');
  });
});
