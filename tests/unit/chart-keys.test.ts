import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {dump} from 'js-yaml';
import {DEFAULT_OUT_DIR, chartRecord, recordFileName, serializeRecord, templateImages} from '../../scripts/chart-keys.mjs';

const FILES = readdirSync(DEFAULT_OUT_DIR).filter((file) => file.endsWith('.json'));

describe('src/manifests/charts records', () => {
  it('holds the three charts the builders install', () => {
    expect(FILES.map((file) => file.replace(/-[\d.]+\.json$/, '')).sort()).toEqual(['ziti-edge-tunnel', 'ziti-host', 'ziti-router']);
  });

  it.each(FILES)('%s is exactly what scripts/chart-keys.mjs writes from the chart files it records', (file) => {
    const text = readFileSync(path.join(DEFAULT_OUT_DIR, file), 'utf8');
    const record = JSON.parse(text);
    // The chart folder the record came from, rebuilt from the record itself.
    const chartYaml = dump({apiVersion: 'v2', name: record.name, version: record.version, appVersion: record.appVersion, ...(record.kubeVersion ? {kubeVersion: record.kubeVersion} : {})});
    const regenerated = chartRecord({chartYaml, valuesYaml: dump(record.values), source: record.source, templateOnlyKeys: record.templateOnlyKeys, templateImages: record.templateImages});
    expect(recordFileName(regenerated)).toBe(file);
    expect(serializeRecord(regenerated)).toBe(text);
  });
});

describe('chartRecord', () => {
  const chartYaml = 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: 4.5.6\n';
  const source = {repository: 'https://github.com/openziti/helm-charts', path: 'charts/demo', commit: 'a'.repeat(40)};

  it('keeps values.yaml scalars as Helm reads them and sorts the template-only keys', () => {
    const record = chartRecord({chartYaml, valuesYaml: 'image:\n  tag: ""\ncreated: 2026-01-01\nport: 443\n', source, templateOnlyKeys: ['z', 'a.b'], templateImages: []});
    expect(record).toMatchObject({name: 'demo', version: '1.2.3', appVersion: '4.5.6', kubeVersion: null, templateOnlyKeys: ['a.b', 'z']});
    expect(record.values).toEqual({image: {tag: ''}, created: '2026-01-01', port: 443});
  });

  it('refuses a short commit id and a Chart.yaml without a version', () => {
    expect(() => chartRecord({chartYaml, valuesYaml: '{}', source: {...source, commit: '2ac8a1dc'}, templateOnlyKeys: [], templateImages: []})).toThrow(/40-character/);
    expect(() => chartRecord({chartYaml: 'name: demo\n', valuesYaml: '{}', source, templateOnlyKeys: [], templateImages: []})).toThrow(/"version"/);
  });
});

describe('templateImages', () => {
  // Laid out as the OpenZiti charts lay out theirs: a conditional init container in a
  // Deployment, a hook Job with a fixed image, and the chart's own image from values.
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      {{- with .Values.podAnnotations }}',
    '      annotations: {{- toYaml . | nindent 8 }}',
    '      {{- end }}',
    '      {{- if not .Values.secret.existingSecretName }}',
    '      initContainers:',
    '        - name: fix-owner',
    '          image: busybox',
    '      {{- end }}',
    '      containers:',
    '        - name: {{ .Chart.Name }}',
    '          image: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}',
    '',
  ].join('\n');
  const job = [
    '{{/* a comment with {{ if }} in it is not a block */}}',
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  annotations:',
    '    "helm.sh/hook": post-install,post-upgrade',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: migrate',
    '          image: "example/kubectl-shell:1.2"',
    '{{- if .Values.extra }}',
    '---',
    'kind: Pod',
    'spec:',
    '  containers:',
    '    - name: a',
    '      {{- if .Values.a }}',
    '      image: x/a',
    '      {{- else if .Values.b }}',
    '      image: x/b',
    '      {{- else }}',
    '      image: x/c',
    '      {{- end }}',
    '{{- end }}',
    '',
  ].join('\n');

  it('lists literal images with their object, hook, container and conditions, never the images built from values', () => {
    expect(templateImages([{path: 'templates/job.yaml', text: job}, {path: 'templates/deployment.yaml', text: deployment}])).toEqual([
      {image: 'busybox', template: 'templates/deployment.yaml', kind: 'Deployment', hook: null, container: 'fix-owner', init: true, condition: 'not .Values.secret.existingSecretName'},
      {image: 'example/kubectl-shell:1.2', template: 'templates/job.yaml', kind: 'Job', hook: 'post-install,post-upgrade', container: 'migrate', init: false, condition: null},
      {image: 'x/a', template: 'templates/job.yaml', kind: 'Pod', hook: null, container: 'a', init: false, condition: '.Values.extra and .Values.a'},
      {image: 'x/b', template: 'templates/job.yaml', kind: 'Pod', hook: null, container: 'a', init: false, condition: '.Values.extra and not (.Values.a) and .Values.b'},
      {image: 'x/c', template: 'templates/job.yaml', kind: 'Pod', hook: null, container: 'a', init: false, condition: '.Values.extra and not (not (.Values.a) and .Values.b)'},
    ]);
  });

  it('is recorded for the pinned charts as their templates name them at the recorded commit', () => {
    const images = Object.fromEntries(
      FILES.map((file) => {
        const record = JSON.parse(readFileSync(path.join(DEFAULT_OUT_DIR, file), 'utf8'));
        return [record.name, record.templateImages.map((entry: {image: string; kind: string; container: string}) => `${entry.kind}/${entry.container}: ${entry.image}`)];
      }),
    );
    // ziti-edge-tunnel 1.5.0 has no Job and no fixed image; ziti-host 1.4.0's hook Job runs portainer/kubectl-shell.
    expect(images).toEqual({
      'ziti-edge-tunnel': [],
      'ziti-host': ['Deployment/chown-identity-dir: busybox', 'Job/chown-identity-dir: busybox', 'Job/migrate-identity: portainer/kubectl-shell'],
      'ziti-router': [],
    });
  });
});
