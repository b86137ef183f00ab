import {describe, expect, it} from 'vitest';
import {assertStrictlyValid, strictValidate, supportedKinds} from '../testing/strictValidate';

function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'demo', namespace: 'default', labels: {app: 'demo'}},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: 'demo'}},
      template: {
        metadata: {labels: {app: 'demo'}, annotations: {'example.com/any-key': 'x'}},
        spec: {
          containers: [
            {
              name: 'app',
              image: 'busybox:1.36',
              env: [{name: 'A', value: 'b'}],
              ports: [{containerPort: 80, protocol: 'TCP'}],
              volumeMounts: [{name: 'data', mountPath: '/data', readOnly: true}],
            },
          ],
          nodeSelector: {'kubernetes.io/os': 'linux'},
          volumes: [{name: 'data', secret: {secretName: 's'}}],
        },
      },
    },
  };
}

describe('strictValidate', () => {
  it('accepts a valid object, including free-form maps', () => {
    expect(strictValidate(deployment())).toEqual([]);
    expect(() => assertStrictlyValid(deployment())).not.toThrow();
    expect(supportedKinds()).toContain('apps/v1/Deployment');
  });

  it('finds unknown fields at any depth (kubernetes-models alone accepts them)', () => {
    const object = deployment();
    object.metadata.labelz = {a: 'b'};
    object.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    object.spec.template.spec.containers[0].securityContext = {capabilities: {add: ['NET_ADMIN'], drop: []}, privilegd: true};
    object.spec.template.spec.dnsConfig = {nameservers: ['10.96.0.10'], search: ['cluster.local']};
    object.spec.strategy = {type: 'Recreate', recreate: {}};
    const paths = strictValidate(object).map((problem) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/metadata/labelz',
        '/spec/template/spec/containers/0/imagePullPolicyy',
        '/spec/template/spec/containers/0/securityContext/privilegd',
        '/spec/template/spec/dnsConfig/search',
        '/spec/strategy/recreate',
      ]),
    );
    expect(paths).not.toContain('/spec/template/spec/nodeSelector/kubernetes.io~1os');
  });

  it('reports schema errors (types, required fields)', () => {
    const object = deployment();
    object.spec.replicas = '1';
    delete object.spec.template.spec.containers[0].name;
    const messages = strictValidate(object).map((problem) => `${problem.path} ${problem.message}`);
    expect(messages.some((m) => m.includes('/spec/replicas'))).toBe(true);
    expect(messages.some((m) => m.includes('name'))).toBe(true);
  });

  it('applies API-server rules the schema does not encode', () => {
    const object = deployment();
    object.metadata.name = 'Demo_1';
    object.spec.selector.matchLabels.app = 'other';
    object.spec.template.spec.containers[0].volumeMounts[0].name = 'missing';
    object.spec.template.spec.dnsPolicy = 'None';
    object.spec.template.spec.containers.push({name: 'app', image: 'x:1', ports: [{containerPort: 70000}]});
    const messages = strictValidate(object).map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'missing or invalid object name',
        'selector does not match the pod template labels',
        'volumeMount refers to no volume',
        'dnsPolicy None needs at least one nameserver',
        'duplicate container name',
      ]),
    );
  });

  it('rejects bad ConfigMap keys and unsupported kinds', () => {
    expect(strictValidate({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {'a/b': 'x'}})).toHaveLength(1);
    expect(strictValidate({apiVersion: 'v9', kind: 'Thing'})[0]?.message).toMatch(/unsupported/);
    expect(() => assertStrictlyValid({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, dataa: {}})).toThrow(/dataa/);
  });
});
