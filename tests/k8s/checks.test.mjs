// The checks themselves fail on what they are meant to catch: each takes a valid rendered object,
// breaks it one way, and must report it.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureInstalled, publish, render, tempDir } from './setup.mjs';

ensureInstalled();
const { parseAllDocuments } = await import('yaml');
const { schemaProblems, strictFieldProblems } = await import('./validate.mjs');
const rules = await import('./rules.mjs');

let objects;
before(() => {
  const dir = tempDir({ after: (fn) => process.on('exit', fn) });
  objects = parseAllDocuments(render(publish('sample', dir), 'prod')).map((d) => d.toJS()).filter(Boolean);
});

/** A copy of the rendered objects with one of them changed. */
function broken(kind, name, change) {
  const copy = structuredClone(objects);
  const target = copy.find((o) => o.kind === kind && o.metadata.name === name);
  change(target);
  return copy;
}

const container = (d) => d.spec.template.spec.containers[0];

test('a Deployment with a mistyped field fails its schema', async () => {
  const problems = await schemaProblems(broken('Deployment', 'referral', (d) => { d.spec.revisionHistoryLimit = 'five'; }));
  assert.ok(problems.some((p) => p.startsWith('Deployment referral')), problems.join('\n'));
});

test('a misspelt field is caught even where the schema would let it through', () => {
  const problems = strictFieldProblems(broken('Deployment', 'referral', (d) => { container(d).readinesProbe = container(d).readinessProbe; }));
  assert.ok(problems.some((p) => p.includes('readinesProbe') && p.includes('IContainer')), problems.join('\n'));
});

test('operator resources are checked: a wrong type, an unknown field, a bad core subtree', async () => {
  let problems = await schemaProblems(broken('RabbitmqCluster', 'bus', (r) => { r.spec.replicas = 'three'; }));
  assert.ok(problems.some((p) => p.startsWith('RabbitmqCluster bus: /spec/replicas')), problems.join('\n'));
  problems = await schemaProblems(broken('Cluster', 'pg-referral-db', (c) => { c.spec.instance = 3; }));
  assert.ok(problems.some((p) => p.includes("'instance'")), problems.join('\n'));
  problems = await schemaProblems(broken('RedisReplication', 'cache', (r) => { r.spec.kubernetesConfig.resources = { requests: { cpu: [] } }; }));
  assert.ok(problems.some((p) => p.includes('ResourceRequirements')), problems.join('\n'));
});

test('an object of a kind without a schema is reported, not waved through', async () => {
  const problems = await schemaProblems([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]);
  assert.deepEqual(problems, ['Widget w: no schema for example.com/v1/Widget; add it to tests/k8s/validate.mjs before publishing it']);
});

test('an HTTP readiness probe, a missing limit and a short grace period break the Deployment rules', () => {
  const problems = rules.deploymentProblems(broken('Deployment', 'referral', (d) => {
    container(d).readinessProbe = { httpGet: { path: '/health', port: 8081 } };
    delete container(d).resources.limits.memory;
    d.spec.template.spec.terminationGracePeriodSeconds = 30;
  }));
  assert.deepEqual(problems, [
    'Deployment referral container referral: readinessProbe is not a native grpc probe',
    'Deployment referral container referral: resources.limits.memory is not set',
    'Deployment referral container referral: terminationGracePeriodSeconds 30 does not cover preStop 10 s + the 25 s drain',
  ]);
});

test('a Deployment without a budget or an autoscaler is reported', () => {
  const without = objects.filter((o) => !(['PodDisruptionBudget', 'ScaledObject'].includes(o.kind) && o.metadata.name === 'referral'));
  assert.deepEqual(rules.availabilityProblems(without), [
    'Deployment referral: 0 PodDisruptionBudgets select its pods, not 1',
    'Deployment referral: 0 HorizontalPodAutoscalers and 0 ScaledObjects scale it, not exactly one',
  ]);
});

test('a password written into an env value or a Secret with data is reported', () => {
  const withPassword = broken('Deployment', 'referral', (d) => {
    container(d).env.push({ name: 'ConnectionStrings__other', value: 'Host=x;Password=hunter2' });
  });
  withPassword.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { password: 'x' } });
  assert.deepEqual(rules.secretProblems(withPassword), [
    'Secret leak: holds values; reference a Secret created outside the manifests instead',
    'Deployment referral: env ConnectionStrings__other writes a password into the manifest',
  ]);
});

test('a workload no policy selects, an open service and a reach beyond the references are reported', () => {
  const changed = objects.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'outcomes'));
  const scheduling = changed.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'scheduling');
  scheduling.spec.ingress.push({ ports: [{ port: 8080 }] });
  scheduling.spec.egress.push({ to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'pg-outcomes-db' } } }] });
  assert.deepEqual(rules.networkProblems(changed), [
    'Deployment outcomes: no NetworkPolicy selects its pods, so nothing may reach it',
    'NetworkPolicy scheduling: lets in traffic from anywhere, but only the gateway may',
  ]);
  assert.ok(rules.egressProblems(changed).includes('Deployment scheduling: its NetworkPolicy lets it reach Cluster pg-outcomes-db, which it does not use'));
});

test('a secret nothing creates and a ClusterIP in front of a service are reported', () => {
  const changed = broken('Deployment', 'referral', (d) => {
    container(d).env.find((e) => e.valueFrom?.secretKeyRef).valueFrom.secretKeyRef.name = 'nobody-makes-this';
  });
  changed.find((o) => o.kind === 'Service' && o.metadata.name === 'referral').spec.clusterIP = '10.0.0.1';
  assert.ok(rules.referenceProblems(changed).some((p) => p.includes('nobody-makes-this, which nothing creates')));
  assert.deepEqual(rules.serviceProblems(changed), ['Service referral: is not headless, so gRPC connections would stick to one pod']);
});

test('a pool that would exhaust its database at full scale is reported', () => {
  const changed = broken('ScaledObject', 'referral', (s) => { s.spec.maxReplicaCount = 20; });
  assert.deepEqual(rules.connectionBudgetProblems(changed), [
    'Cluster pg-referral-db: its users may open 300 connections at full scale, but max_connections is 200 (10 kept back)',
  ]);
});
