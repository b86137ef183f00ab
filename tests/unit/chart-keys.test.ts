import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {dump} from 'js-yaml';
import {DEFAULT_OUT_DIR, chartRecord, recordFileName, serializeRecord} from '../../scripts/chart-keys.mjs';

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
    const regenerated = chartRecord({chartYaml, valuesYaml: dump(record.values), source: record.source, templateOnlyKeys: record.templateOnlyKeys});
    expect(recordFileName(regenerated)).toBe(file);
    expect(serializeRecord(regenerated)).toBe(text);
  });
});

describe('chartRecord', () => {
  const chartYaml = 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: 4.5.6\n';
  const source = {repository: 'https://github.com/openziti/helm-charts', path: 'charts/demo', commit: 'a'.repeat(40)};

  it('keeps values.yaml scalars as Helm reads them and sorts the template-only keys', () => {
    const record = chartRecord({chartYaml, valuesYaml: 'image:\n  tag: ""\ncreated: 2026-01-01\nport: 443\n', source, templateOnlyKeys: ['z', 'a.b']});
    expect(record).toMatchObject({name: 'demo', version: '1.2.3', appVersion: '4.5.6', kubeVersion: null, templateOnlyKeys: ['a.b', 'z']});
    expect(record.values).toEqual({image: {tag: ''}, created: '2026-01-01', port: 443});
  });

  it('refuses a short commit id and a Chart.yaml without a version', () => {
    expect(() => chartRecord({chartYaml, valuesYaml: '{}', source: {...source, commit: '2ac8a1dc'}, templateOnlyKeys: []})).toThrow(/40-character/);
    expect(() => chartRecord({chartYaml: 'name: demo\n', valuesYaml: '{}', source, templateOnlyKeys: []})).toThrow(/"version"/);
  });
});
