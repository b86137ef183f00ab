import {describe, expect, it} from 'vitest';
import {checkSchemas, crdSchemaProblems, type CrdSchema} from '../testing/crdSchema';

/** `schema` as the one kind example.com/v1 Widget. */
function widget(schema: CrdSchema): Map<string, CrdSchema> {
  return checkSchemas({'example.com/v1/Widget': schema});
}

const WIDGET: CrdSchema = {
  type: 'object',
  properties: {
    metadata: {type: 'object'},
    spec: {
      type: 'object',
      required: ['interval'],
      properties: {
        interval: {type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'},
        mode: {type: 'string', enum: ['a', 'b'], default: 'a'},
        name: {type: 'string', minLength: 1, maxLength: 3},
        retries: {type: 'integer', minimum: 0},
        since: {type: 'string', format: 'date-time'},
        labels: {type: 'object', additionalProperties: {type: 'string'}},
        values: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true},
        list: {type: 'array', items: {type: 'object', properties: {id: {type: 'string'}}}},
        chart: {type: 'object', properties: {x: {type: 'string'}}},
        chartRef: {type: 'object', properties: {x: {type: 'string'}}},
      },
      'x-kubernetes-validations': [
        {message: 'either chart or chartRef must be set', rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart)\n  && has(self.chartRef))'},
      ],
    },
  },
};

function widgetSchema(): CrdSchema {
  const schema = widget(WIDGET).get('example.com/v1/Widget');
  if (!schema) throw new Error('no schema for example.com/v1/Widget');
  return schema;
}

describe('crdSchemaProblems', () => {
  const schema = widgetSchema();
  const good = {metadata: {anything: 1}, spec: {interval: '1m30s', chart: {x: 'y'}, labels: {a: 'b'}, values: {free: {form: [1]}}, list: [{id: 'i'}]}};

  it('accepts a valid object, free-form values and maps, and leaves the skipped metadata alone', () => {
    expect(crdSchemaProblems(schema, good, '', ['/metadata'])).toEqual([]);
  });

  it('reports unknown fields at any depth, but not in maps or preserved values', () => {
    const object = {...good, extra: 1, spec: {...good.spec, intervall: '1m', list: [{id: 'i', idd: 'j'}], chart: {x: 'y', z: 1}}};
    const paths = crdSchemaProblems(schema, object, '', ['/metadata']).map((p) => p.path);
    expect(paths.sort()).toEqual(['/extra', '/spec/chart/z', '/spec/intervall', '/spec/list/0/idd']);
  });

  it('reports types, required fields, enums, patterns, lengths, minimums, formats and null', () => {
    const problems = crdSchemaProblems(schema, {
      spec: {mode: 'c', name: 'long', retries: -1, since: 'yesterday', chart: {x: 1}, labels: {a: 2}, list: {}, values: null},
    }).map((p) => `${p.path} ${p.message}`);
    expect(problems).toEqual([
      '/spec/interval required field is missing',
      '/spec/mode must be one of "a", "b"',
      '/spec/name longer than 3',
      '/spec/retries less than 0',
      '/spec/since not a valid date-time',
      '/spec/chart/x must be a string',
      '/spec/labels/a must be a string',
      '/spec/list must be an array',
      '/spec/values null (the API server drops it)',
    ]);
    expect(crdSchemaProblems(schema, {spec: {interval: '10 minutes', chart: {}}}).map((p) => p.path)).toEqual(['/spec/interval']);
  });

  it('applies the schema’s CEL rules', () => {
    const both = {spec: {interval: '1m', chart: {}, chartRef: {}}};
    const neither = {spec: {interval: '1m'}};
    for (const object of [both, neither]) {
      expect(crdSchemaProblems(schema, object)).toEqual([{path: '/spec', message: 'either chart or chartRef must be set'}]);
    }
  });

  it('refuses a schema it would check only in part: an unknown keyword, format or CEL rule', () => {
    // A keyword CrdSchema does not declare, as a newer Flux field could need.
    const withMaxItems = {type: 'object', properties: {a: {type: 'array', maxItems: 2}}} as CrdSchema;
    expect(() => widget(withMaxItems)).toThrow(/keyword maxItems/);
    expect(() => widget({type: 'object', properties: {a: {type: 'string', format: 'email'}}})).toThrow(/format email/);
    expect(() => widget({type: 'object', 'x-kubernetes-validations': [{rule: 'self.a > 1'}]})).toThrow(/CEL rule/);
  });
});
