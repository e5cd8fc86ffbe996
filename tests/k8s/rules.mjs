// DitCloud's deployment rules, checked on rendered objects. Each returns problems, one line each.

const DRAIN_SECONDS = 25; // ServiceDefaults: HostOptions.ShutdownTimeout

const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

/** A label selector (matchLabels and In/NotIn/Exists expressions) against a set of labels. */
function selects(selector, labels) {
  if (!matches(selector.matchLabels, labels)) return false;
  return (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
    switch (operator) {
      case 'In': return values.includes(labels?.[key]);
      case 'NotIn': return !values.includes(labels?.[key]);
      case 'Exists': return labels?.[key] !== undefined;
      case 'DoesNotExist': return labels?.[key] === undefined;
      default: return false;
    }
  });
}

/** Every Deployment: native gRPC probes, resources, graceful shutdown, a safe rolling update. */
export function deploymentProblems(objects) {
  const problems = [];
  for (const d of byKind(objects, 'Deployment')) {
    const spec = d.spec.template.spec;
    for (const c of spec.containers) {
      const at = `Deployment ${d.metadata.name} container ${c.name}`;
      const grpcPort = c.ports?.find((p) => p.name === 'grpc')?.containerPort;
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        if (!c[probe]?.grpc) problems.push(`${at}: ${probe} is not a native grpc probe`);
        else if (c[probe].grpc.port !== grpcPort) problems.push(`${at}: ${probe} asks port ${c[probe].grpc.port}, not the grpc port ${grpcPort}`);
      }
      if (c.livenessProbe?.grpc && !c.livenessProbe.grpc.service) {
        problems.push(`${at}: liveness asks the readiness health service; a dependency outage would restart the pod`);
      }
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[resource]) problems.push(`${at}: resources.${kind}.${resource} is not set`);
        }
      }
      const preStop = c.lifecycle?.preStop?.sleep?.seconds;
      if (!preStop) problems.push(`${at}: no preStop pause before SIGTERM`);
      const grace = spec.terminationGracePeriodSeconds ?? 30;
      if (grace <= (preStop ?? 0) + DRAIN_SECONDS) {
        problems.push(`${at}: terminationGracePeriodSeconds ${grace} does not cover preStop ${preStop} s + the ${DRAIN_SECONDS} s drain`);
      }
    }
    const rolling = d.spec.strategy?.rollingUpdate;
    if (d.spec.strategy?.type !== 'RollingUpdate' || rolling?.maxUnavailable !== 0) {
      problems.push(`Deployment ${d.metadata.name}: a rolling update must not take pods away before new ones are ready (maxUnavailable 0)`);
    }
    if (d.spec.replicas !== undefined) problems.push(`Deployment ${d.metadata.name}: sets replicas, which fights its autoscaler on every apply`);
  }
  return problems;
}

/** Every Deployment has a PodDisruptionBudget selecting its pods and an HPA or ScaledObject that keeps at least two. */
export function availabilityProblems(objects) {
  const problems = [];
  for (const d of byKind(objects, 'Deployment')) {
    const labels = d.spec.template.metadata.labels;
    const budgets = byKind(objects, 'PodDisruptionBudget').filter((p) => selects(p.spec.selector, labels));
    if (budgets.length !== 1) problems.push(`Deployment ${d.metadata.name}: ${budgets.length} PodDisruptionBudgets select its pods, not 1`);
    for (const b of budgets) {
      if (b.spec.maxUnavailable === undefined && b.spec.minAvailable === undefined) problems.push(`PodDisruptionBudget ${b.metadata.name}: allows everything`);
    }
    const targets = (o) => o.spec.scaleTargetRef?.name === d.metadata.name && (o.spec.scaleTargetRef.kind ?? 'Deployment') === 'Deployment';
    const hpas = byKind(objects, 'HorizontalPodAutoscaler').filter(targets);
    const scaled = byKind(objects, 'ScaledObject').filter(targets);
    if (hpas.length + scaled.length !== 1) {
      problems.push(`Deployment ${d.metadata.name}: ${hpas.length} HorizontalPodAutoscalers and ${scaled.length} ScaledObjects scale it, not exactly one`);
    }
    for (const h of hpas) if (h.spec.minReplicas < 2) problems.push(`HorizontalPodAutoscaler ${h.metadata.name}: minReplicas ${h.spec.minReplicas} leaves nothing during a disruption`);
    for (const s of scaled) if ((s.spec.minReplicaCount ?? 0) < 2) problems.push(`ScaledObject ${s.metadata.name}: minReplicaCount ${s.spec.minReplicaCount} leaves nothing during a disruption`);
  }
  return problems;
}

/** No secret value in the manifests: no Secret with data, no password written into an env value or ConfigMap. */
export function secretProblems(objects) {
  const problems = [];
  const inlinePassword = /password=(?!\$\()|:\/\/[^:/@\s]+:(?!\$\()[^@\s]+@/i;
  for (const s of byKind(objects, 'Secret')) {
    if (s.data || s.stringData) problems.push(`Secret ${s.metadata.name}: holds values; reference a Secret created outside the manifests instead`);
  }
  for (const c of byKind(objects, 'ConfigMap')) {
    for (const [k, v] of Object.entries(c.data ?? {})) {
      if (inlinePassword.test(v) || /password|secret/i.test(k)) problems.push(`ConfigMap ${c.metadata.name}: ${k} looks like a secret`);
    }
  }
  for (const d of byKind(objects, 'Deployment')) {
    for (const c of d.spec.template.spec.containers) {
      for (const e of c.env ?? []) {
        if (e.value !== undefined && inlinePassword.test(e.value)) problems.push(`Deployment ${d.metadata.name}: env ${e.name} writes a password into the manifest`);
      }
    }
  }
  return problems;
}

/** Every secret and ConfigMap a pod reads exists: made by an operator, named for ops to create, or in the manifests. */
export function referenceProblems(objects) {
  const problems = [];
  const secrets = new Set([
    ...byKind(objects, 'Cluster').map((c) => `${c.metadata.name}-app`),
    ...byKind(objects, 'RabbitmqCluster').map((r) => `${r.metadata.name}-default-user`),
    ...[...byKind(objects, 'Redis'), ...byKind(objects, 'RedisReplication')].map((r) => r.spec.kubernetesConfig.redisSecret?.name),
  ]);
  const configMaps = new Map(byKind(objects, 'ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  for (const d of byKind(objects, 'Deployment')) {
    for (const c of d.spec.template.spec.containers) {
      const defined = new Set();
      for (const e of c.env ?? []) {
        const secret = e.valueFrom?.secretKeyRef;
        // "<deployment>-secrets" holds what ops provision themselves (the gateway's token signing keys):
        // named by the publisher, created from the organisation's vault, never written into manifests.
        const provisionedByOps = secret?.name === `${d.metadata.name}-secrets`;
        if (secret && !provisionedByOps && !secrets.has(secret.name)) problems.push(`Deployment ${d.metadata.name}: env ${e.name} reads Secret ${secret.name}, which nothing creates`);
        const config = e.valueFrom?.configMapKeyRef;
        if (config && configMaps.get(config.name)?.[config.key] === undefined) problems.push(`Deployment ${d.metadata.name}: env ${e.name} reads ConfigMap ${config.name} key ${config.key}, which does not exist`);
        for (const [, variable] of (e.value ?? '').matchAll(/\$\(([^)]+)\)/g)) {
          if (!defined.has(variable)) problems.push(`Deployment ${d.metadata.name}: env ${e.name} uses $(${variable}) before it is defined`);
        }
        defined.add(e.name);
      }
    }
  }
  for (const t of byKind(objects, 'TriggerAuthentication')) {
    for (const ref of t.spec.secretTargetRef ?? []) if (!secrets.has(ref.name)) problems.push(`TriggerAuthentication ${t.metadata.name}: reads Secret ${ref.name}, which nothing creates`);
  }
  return problems;
}

/** The pods each workload runs, as label sets: ours from the template, the operators' as they label them. */
function workloads(objects) {
  return [
    ...byKind(objects, 'Deployment').map((d) => ({ name: `Deployment ${d.metadata.name}`, labels: d.spec.template.metadata.labels })),
    ...byKind(objects, 'RabbitmqCluster').map((r) => ({ name: `RabbitmqCluster ${r.metadata.name}`, labels: { 'app.kubernetes.io/name': r.metadata.name } })),
    ...byKind(objects, 'Cluster').map((c) => ({ name: `Cluster ${c.metadata.name}`, labels: { 'cnpg.io/cluster': c.metadata.name } })),
    ...[...byKind(objects, 'Redis'), ...byKind(objects, 'RedisReplication')].map((r) => ({ name: `${r.kind} ${r.metadata.name}`, labels: { app: r.metadata.name } })),
  ];
}

/** Deny by default; every workload's pods have a policy of their own; only the gateway is open to everyone. */
export function networkProblems(objects) {
  const problems = [];
  const policies = byKind(objects, 'NetworkPolicy');
  const denyAll = policies.filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress
    && p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress'));
  if (denyAll.length === 0) problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  for (const w of workloads(objects)) {
    const own = policies.filter((p) => Object.keys(p.spec.podSelector).length > 0 && selects(p.spec.podSelector, w.labels));
    if (own.length === 0) problems.push(`${w.name}: no NetworkPolicy selects its pods, so nothing may reach it`);
  }
  for (const p of policies) {
    for (const rule of p.spec.ingress ?? []) {
      if (!rule.from) {
        const gateway = byKind(objects, 'Deployment').some((d) => d.spec.template.metadata.labels['app.kubernetes.io/component'] === 'gateway'
          && selects(p.spec.podSelector, d.spec.template.metadata.labels));
        if (!gateway) problems.push(`NetworkPolicy ${p.metadata.name}: lets in traffic from anywhere, but only the gateway may`);
      }
    }
  }
  return problems;
}

/** Each service's env and its egress agree: it may reach what it is configured to call, and nothing it is not. */
export function egressProblems(objects) {
  const problems = [];
  const policies = byKind(objects, 'NetworkPolicy').filter((p) => Object.keys(p.spec.podSelector).length > 0);
  const all = workloads(objects);
  for (const d of byKind(objects, 'Deployment')) {
    const labels = d.spec.template.metadata.labels;
    const own = policies.filter((p) => selects(p.spec.podSelector, labels));
    const peers = own.flatMap((p) => (p.spec.egress ?? []).flatMap((r) => r.to ?? []).filter((peer) => peer.podSelector && !peer.namespaceSelector));
    const reached = all.filter((w) => peers.some((peer) => selects(peer.podSelector, w.labels))).map((w) => w.name);
    const env = d.spec.template.spec.containers.flatMap((c) => c.env ?? []);
    const wanted = new Set();
    for (const e of env) {
      const service = e.name.match(/^services__(.+)__(grpc|http)__\d+$/)?.[1];
      if (service) wanted.add(`Deployment ${service}`);
    }
    for (const e of env) {
      const secret = e.valueFrom?.secretKeyRef?.name;
      const cluster = byKind(objects, 'Cluster').find((c) => secret === `${c.metadata.name}-app`);
      if (cluster) wanted.add(`Cluster ${cluster.metadata.name}`);
      const broker = byKind(objects, 'RabbitmqCluster').find((r) => secret === `${r.metadata.name}-default-user`);
      if (broker) wanted.add(`RabbitmqCluster ${broker.metadata.name}`);
      const cache = [...byKind(objects, 'Redis'), ...byKind(objects, 'RedisReplication')].find((r) => secret === r.spec.kubernetesConfig.redisSecret?.name);
      if (cache) wanted.add(`${cache.kind} ${cache.metadata.name}`);
    }
    for (const w of wanted) if (!reached.includes(w)) problems.push(`Deployment ${d.metadata.name}: is configured to use ${w}, but its NetworkPolicy does not let it reach it`);
    for (const r of reached) if (!wanted.has(r)) problems.push(`Deployment ${d.metadata.name}: its NetworkPolicy lets it reach ${r}, which it does not use`);
  }
  return problems;
}

/** Services in front of our pods are headless (clients spread calls per pod); only the gateway has a load balancer. */
export function serviceProblems(objects) {
  const problems = [];
  for (const s of byKind(objects, 'Service')) {
    const pods = byKind(objects, 'Deployment').filter((d) => matches(s.spec.selector, d.spec.template.metadata.labels));
    if (pods.length === 0) problems.push(`Service ${s.metadata.name}: selects no Deployment's pods`);
    const gateway = pods.every((d) => d.spec.template.metadata.labels['app.kubernetes.io/component'] === 'gateway');
    if (s.spec.type === 'LoadBalancer' && !gateway) problems.push(`Service ${s.metadata.name}: only the gateway may be exposed`);
    if (s.spec.type !== 'LoadBalancer' && s.spec.clusterIP !== 'None') problems.push(`Service ${s.metadata.name}: is not headless, so gRPC connections would stick to one pod`);
  }
  return problems;
}

/**
 * Each database can take every pool its users may open at their largest: the autoscaler's maximum
 * pods times each pod's Maximum Pool Size, with ten connections left for the operator and replication.
 */
export function connectionBudgetProblems(objects) {
  const problems = [];
  for (const cluster of byKind(objects, 'Cluster')) {
    const limit = Number(cluster.spec.postgresql?.parameters?.max_connections ?? 100);
    let demand = 0;
    for (const d of byKind(objects, 'Deployment')) {
      const env = d.spec.template.spec.containers.flatMap((c) => c.env ?? []);
      const uses = env.find((e) => e.value?.includes(`Host=${cluster.metadata.name}-rw;`));
      if (!uses) continue;
      const pool = Number(uses.value.match(/Maximum Pool Size=(\d+)/i)?.[1] ?? 100);
      const scaler = [...byKind(objects, 'HorizontalPodAutoscaler'), ...byKind(objects, 'ScaledObject')]
        .find((s) => s.spec.scaleTargetRef.name === d.metadata.name);
      demand += pool * (scaler?.spec.maxReplicas ?? scaler?.spec.maxReplicaCount ?? 1);
    }
    if (demand > limit - 10) problems.push(`Cluster ${cluster.metadata.name}: its users may open ${demand} connections at full scale, but max_connections is ${limit} (10 kept back)`);
  }
  return problems;
}

export const allRules = [deploymentProblems, availabilityProblems, secretProblems, referenceProblems, networkProblems, egressProblems, serviceProblems, connectionBudgetProblems];
