// Every object the Kustomize overlays render, validated offline against the
// Kubernetes API schemas (kubernetes-models), and held to what the runbook
// promises: probes on grpc.health.v1, resources, a disruption budget, a
// NetworkPolicy admitting only the right peers, configuration and secrets by
// reference, the migrations Job, and the autoscaler for metering.
import { KubeObject, named, ofKind, render, schemaErrors } from './kubernetes-objects';

const SERVICES = [
  ['metering', 50051],
  ['rating', 50052],
  ['invoicing', 50053],
] as const;

/** Who may call each service's gRPC port (pod labels), as docs/OPERATIONS.md says. */
const CALLERS = {
  metering: [
    'app.kubernetes.io/name=rating',
    'app.kubernetes.io/name=invoicing',
    'cascade.dev/api-client=true',
  ],
  rating: ['app.kubernetes.io/name=invoicing', 'cascade.dev/api-client=true'],
  invoicing: ['cascade.dev/api-client=true'],
};

const OVERLAYS = {
  production: { namespace: 'cascade', tls: true },
  development: { namespace: 'cascade-dev', tls: false },
};

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A generated ConfigMap's or Secret's name without kustomize's content hash. */
const unhashed = (name: string) => name.replace(/-[a-z0-9]{10}$/, '');

const labelsOf = (peer: KubeObject) =>
  Object.entries(peer.podSelector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);

test('the schema check can fail: a wrong type and an unknown kind are reported', () => {
  const broken = render('overlays/development').find((o) => o.kind === 'Deployment')!;
  broken.spec.template.spec.containers[0].ports[0].containerPort = 'grpc';
  expect(schemaErrors(broken)).toEqual([
    'Deployment/invoicing: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
  ]);
  expect(schemaErrors({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toEqual([
    'v1 Pod: no schema for this kind',
  ]);
});

describe.each(Object.entries(OVERLAYS))('the %s overlay', (overlay, { namespace, tls }) => {
  const objects = render(`overlays/${overlay}`);
  const deployments = ofKind(objects, 'Deployment');
  const container = (name: string) =>
    named(objects, 'Deployment', name).spec.template.spec.containers[0];

  test('every rendered object is valid against the Kubernetes API schemas, in its namespace', () => {
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(objects.filter((o) => o.metadata.namespace !== namespace)).toEqual([]);
  });

  test('renders a Deployment, Service and PodDisruptionBudget per service, and a Job and an autoscaler', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'invoicing',
      'metering',
      'rating',
    ]);
    for (const [name, port] of SERVICES) {
      const pods = named(objects, 'Deployment', name).spec.template.metadata.labels;
      const service = named(objects, 'Service', name);
      expect(selects(service.spec.selector, pods)).toBe(true);
      expect(service.spec.ports[0]).toMatchObject({
        name: 'grpc',
        port,
        appProtocol: 'kubernetes.io/h2c',
      });
      expect(
        selects(named(objects, 'PodDisruptionBudget', name).spec.selector.matchLabels, pods),
      ).toBe(true);
    }
    expect(ofKind(objects, 'Job').map((j) => j.metadata.name)).toEqual(['cascade-migrate']);
    expect(ofKind(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'metering' },
    ]);
    // The autoscaler owns metering's replica count; a fixed count would fight it on every apply.
    expect(named(objects, 'Deployment', 'metering').spec.replicas).toBeUndefined();
  });

  test(`probes every service on grpc.health.v1 ${tls ? 'through `cascade health` (TLS)' : 'with the kubelet’s gRPC probe'}`, () => {
    for (const [name, port] of SERVICES) {
      const c = container(name);
      const expected = tls
        ? { exec: { command: ['node', '/app/deploy/image/cascade.cjs', 'health', name] } }
        : { grpc: { port } };
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        expect([probe, c[probe]]).toEqual([probe, expect.objectContaining(expected)]);
        expect(
          Object.keys(c[probe]).filter((k) => ['grpc', 'exec', 'httpGet', 'tcpSocket'].includes(k)),
        ).toHaveLength(1);
      }
      expect(c.args).toEqual([name]);
      expect(c.ports.map((p: KubeObject) => p.name)).toEqual(['grpc', 'metrics']);
    }
  });

  test('runs unprivileged on a read-only root, with requests and a memory limit', () => {
    const pods = [...deployments, ...ofKind(objects, 'Job')].map((o) => o.spec.template.spec);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits)).toEqual(['memory']);
      }
    }
  });

  test('admits only the right peers to each service’s gRPC port, Prometheus to its metrics port', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const denyAll = named(objects, 'NetworkPolicy', 'cascade-default-deny-ingress');
    expect(denyAll.spec.ingress).toBeUndefined();
    for (const d of deployments) {
      expect(selects(denyAll.spec.podSelector.matchLabels, d.spec.template.metadata.labels)).toBe(
        true,
      );
    }
    for (const [name, port] of SERVICES) {
      const pods = named(objects, 'Deployment', name).spec.template.metadata.labels;
      const mine = policies.filter(
        (p) => p !== denyAll && selects(p.spec.podSelector.matchLabels, pods),
      );
      expect(mine.map((p) => p.metadata.name)).toEqual([name]);
      const rules = mine[0].spec.ingress.map((rule: KubeObject) => ({
        ports: rule.ports.map((p: KubeObject) => p.port),
        from: rule.from.flatMap((peer: KubeObject) =>
          peer.namespaceSelector ? ['namespace monitoring'] : labelsOf(peer),
        ),
      }));
      expect(rules).toEqual([
        { ports: [port], from: CALLERS[name] },
        { ports: [port - 50051 + 9091], from: ['namespace monitoring'] },
      ]);
    }
  });

  test('takes configuration from its ConfigMap and credentials from Secrets', () => {
    const configMaps = ofKind(objects, 'ConfigMap');
    expect(configMaps).toHaveLength(1);
    const config = configMaps[0];
    expect(config.data).toMatchObject({
      CASCADE_HOST: '0.0.0.0',
      METERING_URL: `${tls ? 'https' : 'http'}://metering:50051`,
      RATING_URL: `${tls ? 'https' : 'http'}://rating:50052`,
    });
    expect(Boolean(config.data.CASCADE_TLS_CA)).toBe(tls);
    const secretRefs = new Set<string>();
    const generated = new Set(ofKind(objects, 'Secret').map((o) => o.metadata.name));
    for (const pod of [...deployments, ...ofKind(objects, 'Job')].map(
      (o) => o.spec.template.spec,
    )) {
      for (const c of pod.containers) {
        expect(c.envFrom).toEqual([{ configMapRef: { name: config.metadata.name } }]);
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) secretRefs.add(`${e.name} <- ${unhashed(ref.name)}/${ref.key}`);
          // A Secret the overlay generates is referenced by its generated name.
          if (ref && generated.size > 0) expect(generated).toContain(ref.name);
          // No credential is written in a manifest.
          expect([e.name, e.value !== undefined && /TOKEN|DATABASE_URL/.test(e.name)]).toEqual([
            e.name,
            false,
          ]);
        }
      }
    }
    expect([...secretRefs].sort()).toEqual([
      'CASCADE_ADMIN_TOKEN <- cascade-credentials/admin-token',
      'CASCADE_SERVICE_TOKEN <- cascade-credentials/service-token',
      'DATABASE_URL <- cascade-database/url',
    ]);
    const tlsSecrets = deployments.flatMap((d) =>
      d.spec.template.spec.volumes
        .filter((v: KubeObject) => v.secret)
        .map((v: KubeObject) => v.secret.secretName),
    );
    expect(tlsSecrets).toEqual(tls ? deployments.map((d) => `cascade-${d.metadata.name}-tls`) : []);
  });

  test('the first apply of a rollout (components migrate and config) holds the Job and what it reads', () => {
    const first = objects.filter((o) =>
      ['migrate', 'config'].includes(o.metadata.labels?.['app.kubernetes.io/component'] ?? ''),
    );
    const job = named(objects, 'Job', 'cascade-migrate').spec.template.spec;
    const reads = job.containers.flatMap((c: KubeObject) => [
      ...(c.envFrom ?? []).map((e: KubeObject) => e.configMapRef.name),
      ...(c.env ?? []).flatMap((e: KubeObject) => e.valueFrom?.secretKeyRef?.name ?? []),
    ]);
    const rendered = objects
      .filter((o) => ['ConfigMap', 'Secret'].includes(o.kind))
      .map((o) => o.metadata.name);
    const firstNames = first.map((o) => o.metadata.name);
    expect(first.map((o) => o.kind).sort()).toEqual(
      [
        'Job',
        ...rendered.map((name) => objects.find((o) => o.metadata.name === name)!.kind),
      ].sort(),
    );
    expect(
      reads.filter((name: string) => rendered.includes(name) && !firstNames.includes(name)),
    ).toEqual([]);
  });

  test('migrates every service’s schema in one Job, from the image the services run', () => {
    const job = named(objects, 'Job', 'cascade-migrate').spec.template.spec;
    const images = new Set(deployments.map((d) => d.spec.template.spec.containers[0].image));
    expect(images.size).toBe(1);
    expect(job.restartPolicy).toBe('Never');
    expect(job.containers.map((c: KubeObject) => [c.image, ...c.args])).toEqual(
      SERVICES.map(([name]) => [[...images][0], 'migrate', name]),
    );
  });
});

test('development generates its Secrets with the keys the pods read; production leaves them to the operator', () => {
  const keys = (o: KubeObject) => [
    o.metadata.name.replace(/-[a-z0-9]{10}$/, ''),
    Object.keys(o.data).sort(),
  ];
  expect(ofKind(render('overlays/development'), 'Secret').map(keys)).toEqual([
    ['cascade-credentials', ['admin-token', 'service-token']],
    ['cascade-database', ['url']],
  ]);
  expect(ofKind(render('overlays/production'), 'Secret')).toEqual([]);
});
