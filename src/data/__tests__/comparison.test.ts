import {describe, expect, it} from 'vitest';
import {loadAll} from 'js-yaml';
import {CHARTS} from '../../manifests/images';
import {buildFromRaw, defaultRaw} from '../../manifests/index';
import {podSecurityLevel} from '../../manifests/podSecurity';
import {COMPARISON_COLUMNS, COMPARISON_DETAILS, COMPARISON_SUMMARY, comparisonRows, PROFILES} from '../comparison';
import {OUTCOME_IDS, OUTCOMES, type OutcomeId} from '../decisionTree';

function defaultArtifacts(id: OutcomeId) {
  const result = buildFromRaw(id, defaultRaw(id));
  if (!result.ok) throw new Error(`defaults of ${id} do not build`);
  return result.artifacts;
}

/** Pod specs of every workload object in the default YAML artifacts that are Kubernetes objects. */
function defaultPodSpecs(id: OutcomeId): unknown[] {
  const specs: unknown[] = [];
  for (const artifact of defaultArtifacts(id).filter((a) => a.language === 'yaml')) {
    for (const doc of loadAll(artifact.text) as Record<string, unknown>[]) {
      const template = (doc?.spec as {template?: {spec?: unknown}} | undefined)?.template;
      if (template?.spec) specs.push(template.spec);
    }
  }
  return specs;
}

describe('strategy comparison', () => {
  it('has one row per outcome, in the tree order, named and linked as the tree says', () => {
    const rows = comparisonRows();
    expect(rows.map((row) => row.id)).toEqual(OUTCOME_IDS);
    for (const row of rows) {
      expect(row.title).toBe(OUTCOMES[row.id].title);
      expect(row.guidePath).toBe(OUTCOMES[row.id].guidePath);
      expect(row.direction.toLowerCase()).toContain(OUTCOMES[row.id].category);
    }
  });

  it.each(OUTCOME_IDS)('%s: every cell has text', (id) => {
    const row = comparisonRows().find((candidate) => candidate.id === id);
    for (const column of COMPARISON_COLUMNS) expect(String(row?.[column.key] ?? '')).not.toBe('');
  });

  it.each(OUTCOME_IDS)('%s: "what it installs" matches the install step the builder prints', (id) => {
    const chart = PROFILES[id].chart;
    const text = defaultArtifacts(id)
      .map((artifact) => artifact.text)
      .join('\n');
    if (chart === null) {
      expect(text).not.toMatch(/helm (upgrade|install)/);
      expect(text).toMatch(/kubectl apply/);
    } else {
      expect(text).toContain(` ${CHARTS[chart].name} --repo `);
      expect(text).toContain(`--version ${CHARTS[chart].version}`);
    }
  });

  it.each(OUTCOME_IDS.filter((id) => PROFILES[id].chart === null))(
    '%s: the stated Pod Security level is the one its default manifest needs',
    (id) => {
      const specs = defaultPodSpecs(id);
      expect(specs.length).toBeGreaterThan(0);
      // The workload needs the least permissive level that admits all of its pods.
      const order = ['restricted', 'baseline', 'privileged'];
      const needed = specs.map((spec) => podSecurityLevel(spec).level).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
      expect(needed).toBe(PROFILES[id].podSecurity);
    },
  );

  it('says no sidecar renews its certificate', () => {
    for (const id of ['transparent-proxy-sidecar', 'loopback-proxy-sidecar'] as const) {
      expect(PROFILES[id].renewal).toMatch(/^No\b/);
    }
  });

  it('keeps the strategies that need NET_ADMIN or privileged pods at the privileged level', () => {
    for (const row of comparisonRows()) {
      if (/NET_ADMIN in the sidecar|privileged container/.test(row.privileges)) expect(row.podSecurity).toBe('privileged');
    }
  });
});

describe('podSecurityLevel', () => {
  const restrictedContainer = {
    name: 'c',
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: {drop: ['ALL']},
      seccompProfile: {type: 'RuntimeDefault'},
    },
  };

  it('admits a hardened pod at restricted', () => {
    expect(podSecurityLevel({containers: [restrictedContainer], volumes: [{name: 'v', secret: {secretName: 's'}}]})).toEqual({
      level: 'restricted',
      reasons: [],
    });
  });

  it('needs privileged for NET_ADMIN, privileged containers, host networking and hostPath', () => {
    const netAdmin = {name: 'c', securityContext: {capabilities: {add: ['NET_ADMIN']}}};
    expect(podSecurityLevel({containers: [netAdmin]}).level).toBe('privileged');
    expect(podSecurityLevel({containers: [{name: 'c', securityContext: {privileged: true}}]}).level).toBe('privileged');
    expect(podSecurityLevel({hostNetwork: true, containers: [restrictedContainer]}).level).toBe('privileged');
    expect(podSecurityLevel({containers: [restrictedContainer], volumes: [{name: 'd', hostPath: {path: '/x'}}]}).level).toBe(
      'privileged',
    );
  });

  it('counts init containers too', () => {
    const rootInit = {name: 'init'};
    expect(podSecurityLevel({initContainers: [rootInit], containers: [restrictedContainer]}).level).toBe('baseline');
  });

  it('allows NET_BIND_SERVICE at baseline but not other additions', () => {
    const bind = {name: 'c', securityContext: {capabilities: {add: ['NET_BIND_SERVICE']}}};
    expect(podSecurityLevel({containers: [bind]}).level).toBe('baseline');
  });
});

describe('the overview table', () => {
  it('shows every column once: in the summary row or in the row\'s details, each in the table\'s order', () => {
    const shown = [...COMPARISON_SUMMARY, ...COMPARISON_DETAILS].map((column) => column.key);
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort()).toEqual(COMPARISON_COLUMNS.map((column) => column.key).sort());
    expect(COMPARISON_SUMMARY.map((column) => column.key)).toEqual(['direction', 'runsIn', 'installs', 'podSecurity']);
  });
});
