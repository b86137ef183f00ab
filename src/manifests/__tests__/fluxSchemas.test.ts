import {describe, expect, it} from 'vitest';
import {fluxHelmRelease, fluxHelmRepository} from '../gitops';
import {CHARTS} from '../images';
import {checkSchemas, crdSchemaProblems, type CrdSchema} from '../testing/crdSchema';
import {FLUX_SCHEMAS} from '../testing/fluxSchemas';

const schemas = checkSchemas(FLUX_SCHEMAS);

function schemaOf(key: string): CrdSchema {
  const schema = schemas.get(key);
  if (!schema) throw new Error(`no schema for ${key}`);
  return schema;
}

const RELEASE = schemaOf('helm.toolkit.fluxcd.io/v2/HelmRelease');
const REPOSITORY = schemaOf('source.toolkit.fluxcd.io/v1/HelmRepository');

/** What the builders emit, as plain JSON the tests can change at will. */
function release(): Record<string, any> {
  const object = fluxHelmRelease({slug: 'ziti-host', chart: CHARTS.zitiHost, releaseName: 'ziti-host', namespace: 'ziti', values: {image: {tag: '1'}}});
  return JSON.parse(JSON.stringify(object)) as Record<string, any>;
}

function repository(): Record<string, any> {
  return JSON.parse(JSON.stringify(fluxHelmRepository())) as Record<string, any>;
}

function problems(schema: CrdSchema, object: unknown): string[] {
  return crdSchemaProblems(schema, object, '', ['/metadata']).map((problem) => `${problem.path} ${problem.message}`);
}

describe('our Flux schemas', () => {
  it('accept every field the builders emit', () => {
    expect(problems(RELEASE, release())).toEqual([]);
    expect(problems(REPOSITORY, repository())).toEqual([]);
  });

  it('refuse a misspelled field at each level the builders write', () => {
    const object = release();
    object.spec.intervall = object.spec.interval;
    object.spec.install.createNamespaces = true;
    object.spec.chart.spec.verison = '1.0.0';
    object.spec.chart.spec.sourceRef.namepsace = 'flux-system';
    const repo = repository();
    repo.spec.URL = repo.spec.url;
    repo.speck = {};
    expect(problems(RELEASE, object).sort()).toEqual(
      [
        '/spec/intervall unknown field (not in the schema)',
        '/spec/install/createNamespaces unknown field (not in the schema)',
        '/spec/chart/spec/verison unknown field (not in the schema)',
        '/spec/chart/spec/sourceRef/namepsace unknown field (not in the schema)',
      ].sort(),
    );
    expect(problems(REPOSITORY, repo)).toEqual(['/spec/URL unknown field (not in the schema)', '/speck unknown field (not in the schema)']);
  });

  it('refuse a value outside an enum, and the lengths, patterns and required fields upstream sets', () => {
    const object = release();
    object.spec.chart.spec.sourceRef.kind = 'OCIRepository';
    object.spec.releaseName = 'r'.repeat(54);
    object.spec.targetNamespace = 'n'.repeat(64);
    object.spec.install.createNamespace = 'true';
    delete object.spec.chart.spec.chart;
    const repo = repository();
    repo.spec.type = 'git';
    repo.spec.url = 'docs.openziti.io/helm-charts/';
    delete repo.spec.interval;
    expect(problems(RELEASE, object)).toEqual([
      '/spec/releaseName longer than 53',
      '/spec/targetNamespace longer than 63',
      '/spec/install/createNamespace must be a boolean',
      '/spec/chart/spec/chart required field is missing',
      '/spec/chart/spec/sourceRef/kind must be one of "HelmRepository", "GitRepository", "Bucket"',
    ]);
    // interval is optional for a HelmRepository upstream; only the URL is required.
    expect(problems(REPOSITORY, repo)).toEqual(['/spec/url does not match ^(http|https|oci)://.*$', '/spec/type must be one of "default", "oci"']);
    delete repo.spec.url;
    expect(problems(REPOSITORY, repo)).toContain('/spec/url required field is missing');
  });

  it('refuse Flux fields the builders do not use, until someone declares them', () => {
    const object = release();
    object.spec.suspend = false;
    expect(problems(RELEASE, object)).toEqual(['/spec/suspend unknown field (not in the schema)']);
  });
});
