import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS, type OutcomeId} from '../decisionTree';
import {
  FACTS_CHECKED,
  OPENZITI_LINE,
  checkedAgainst,
  imageReferencesIn,
  isPinned,
  kubernetesNeedsOf,
  minimumKubernetes,
} from '../checkedAgainst';
import {buildFromRaw, defaultRaw} from '../../manifests';
import {CHARTS, IMAGES, imageReference, type ChartRef} from '../../manifests/images';
import {CHART_TEMPLATES} from '../../manifests/charts';
import type {Artifact} from '../../manifests/types';
import {loadChartRecord} from '../../manifests/__tests__/support';

function defaults(outcome: OutcomeId): readonly Artifact[] {
  const result = buildFromRaw(outcome, defaultRaw(outcome));
  if (!result.ok) throw new Error(`${outcome} defaults do not validate`);
  return result.artifacts;
}

function artifact(text: string, language: Artifact['language'] = 'yaml'): Artifact {
  return {id: 'x', title: 'X', language, fileName: 'x', text};
}

describe('imageReferencesIn', () => {
  it('finds image values in YAML, in here-documents and in kubectl run flags', () => {
    const found = imageReferencesIn([
      artifact('spec:\n  containers:\n    - name: a\n      image: docker.io/library/busybox:1.37\n'),
      artifact("kubectl apply -f - <<'EOF'\n      - image: \"ghcr.io/x/y:2\"\nEOF\n", 'bash'),
      artifact("kubectl run t --rm -i --image='registry:5000/tool' -- true\nkubectl run u --image busybox\n", 'bash'),
    ]);
    expect(found).toEqual(['docker.io/library/busybox:1.37', 'ghcr.io/x/y:2', 'registry:5000/tool', 'busybox']);
  });

  it('ignores an image mapping, whose tag is a separate key', () => {
    expect(imageReferencesIn([artifact('image:\n  tag: 1.2.3\n')])).toEqual([]);
  });
});

describe('isPinned', () => {
  it.each([
    ['docker.io/openziti/ziti-tunnel:2.0.1', true],
    ['busybox@sha256:0123', true],
    ['busybox', false],
    ['busybox:latest', false],
    ['registry:5000/tool', false],
  ])('%s → %s', (reference, pinned) => {
    expect(isPinned(reference)).toBe(pinned);
  });
});

describe.each(OUTCOME_IDS)('checkedAgainst(%s)', (outcome) => {
  const data = checkedAgainst(outcome);
  const artifacts = defaults(outcome);
  const text = artifacts.map((a) => a.text).join('\n');

  it('lists every image reference the default artifacts contain', () => {
    const listed = data.images.map((image) => image.reference);
    for (const reference of imageReferencesIn(artifacts)) expect(listed).toContain(reference);
  });

  it('names the chart the install script installs, at the version it installs, or none', () => {
    const install = /helm upgrade --install \S+ (\S+) --repo \S+[\s\\]+--version (\S+)/.exec(text);
    if (!install) {
      expect(data.chart).toBeNull();
      expect(text).not.toMatch(/\bhelm (upgrade|install)\b/);
      return;
    }
    expect(data.chart).not.toBeNull();
    expect([data.chart?.name, data.chart?.version]).toEqual([install[1], install[2]]);
  });

  it('lists the chart’s own image at the tag the values set', () => {
    if (!data.chart) return;
    const key = (Object.keys(CHARTS) as (keyof typeof CHARTS)[]).find((k) => CHARTS[k].name === data.chart?.name);
    expect(key).toBeDefined();
    const image = IMAGES[key as keyof typeof IMAGES];
    // The builders write the pinned tag into the values; the box must show the same one.
    expect(text).toContain(`tag: ${image.tag}`);
    expect(data.images[0]?.reference).toBe(imageReference(image));
  });

  it('states the OpenZiti line, the date and where the versions come from', () => {
    expect(data.openZitiLine).toBe(`${OPENZITI_LINE}.x`);
    expect(data.factsChecked).toBe(FACTS_CHECKED);
    expect(data.factsChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('flags every image the registry’s latest tag decides', () => {
    for (const image of data.images) {
      expect(image.pinned).toBe(isPinned(image.reference));
      if (!image.pinned) expect(image.role).toMatch(/latest|not pinned/);
    }
  });
});

describe('images the charts fix in their templates (issue 21 #2)', () => {
  it.each(OUTCOME_IDS)('%s lists exactly the chart record’s literal images beside its own and its files’', (outcome) => {
    const data = checkedAgainst(outcome);
    const own = new Set([data.images[0]?.reference, ...imageReferencesIn(defaults(outcome))]);
    const fixed = data.images.filter((image) => !own.has(image.reference) || image.role.startsWith('set by the chart'));
    const expected = data.chart ? [...new Set(loadChartRecord(data.chart.name).templateImages.map((entry) => entry.image))] : [];
    expect(fixed.map((image) => image.reference)).toEqual(expected);
  });

  it('names the ziti-host hook Job’s images as its templates do, and no Job for the node proxy', () => {
    const host = checkedAgainst('ziti-host').images;
    expect(host.find((image) => image.reference === 'portainer/kubectl-shell')?.role).toMatch(/container migrate-identity of the post-install,post-upgrade hook Job/);
    expect(host.find((image) => image.reference === 'busybox')?.role).toMatch(
      /init container chown-identity-dir of the Deployment \(unless secret.existingSecretName is set\); init container chown-identity-dir of the post-install,post-upgrade hook Job/,
    );
    const all = OUTCOME_IDS.flatMap((id) => checkedAgainst(id).images);
    expect(all.map((image) => image.reference).join(' ')).not.toMatch(/bitnami/);
    expect(checkedAgainst('node-proxy-daemonset').images.map((image) => image.role).join(' ')).not.toMatch(/\bJob\b|hook/);
  });

  it('reads the records of the versions images.ts pins', () => {
    for (const key of Object.keys(CHARTS) as (keyof typeof CHARTS)[]) {
      expect([CHART_TEMPLATES[key].name, CHART_TEMPLATES[key].version]).toEqual([CHARTS[key].name, CHARTS[key].version]);
      expect(CHART_TEMPLATES[key].templateImages).toEqual(loadChartRecord(CHARTS[key].name).templateImages);
    }
  });
});

describe('the pinned versions', () => {
  it('are each used by at least one strategy, so none is shown stale', () => {
    const used = new Set(OUTCOME_IDS.flatMap((id) => checkedAgainst(id).images.map((image) => image.reference)));
    for (const image of Object.values(IMAGES)) expect(used).toContain(imageReference(image));
  });

  it('keep the Go tunneler on the same OpenZiti release line as the router', () => {
    expect(IMAGES.zitiTunnel.tag.startsWith(`${OPENZITI_LINE}.`)).toBe(true);
    expect(OPENZITI_LINE).toBe('2.0');
  });

  it('show the tunneler charts’ Kubernetes range when images.ts records it', () => {
    for (const id of OUTCOME_IDS) {
      const {chart} = checkedAgainst(id);
      if (!chart) continue;
      const charts: readonly (ChartRef & {readonly kubeVersion?: string})[] = Object.values(CHARTS);
      expect(chart.kubeVersion).toBe(charts.find((c) => c.name === chart.name)?.kubeVersion ?? null);
    }
  });
});

describe('minimumKubernetes', () => {
  it.each([
    ['>= 1.20.0-0', '1.20'],
    ['>=1.29.0', '1.29'],
    ['>= 1.20.0-0 < 1.33.0-0', null],
  ])('%s → %s', (constraint, minimum) => {
    expect(minimumKubernetes(constraint)).toBe(minimum);
  });
});

describe('what the default files need of Kubernetes', () => {
  it('names 1.29 for the native sidecars and nothing extra for the other strategies', () => {
    for (const id of OUTCOME_IDS) {
      const needs = checkedAgainst(id).kubernetesNeeds.map((need) => need.minimum);
      const native = buildFromRaw(id, defaultRaw(id));
      const hasNative = native.ok && native.artifacts.some((a) => a.language === 'yaml' && /initContainers:[\s\S]*?\n\s+restartPolicy: Always/.test(a.text));
      expect(needs, id).toEqual(hasNative ? ['1.29'] : []);
    }
    expect(checkedAgainst('transparent-proxy-sidecar').kubernetesNeeds.map((need) => need.minimum)).toEqual(['1.29']);
    expect(checkedAgainst('loopback-proxy-sidecar').kubernetesNeeds.map((need) => need.minimum)).toEqual(['1.29']);
  });

  it('with the sidecar as an ordinary container, no 1.29', () => {
    const result = buildFromRaw('transparent-proxy-sidecar', {...defaultRaw('transparent-proxy-sidecar'), sidecarStart: 'container'});
    expect(result.ok && kubernetesNeedsOf(result.artifacts)).toEqual([]);
  });
});
