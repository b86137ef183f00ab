import {describe, expect, it} from 'vitest';
import {
  checkAbsolutePath,
  checkDnsLabel,
  checkDnsSubdomain,
  checkIdentityName,
  checkImageReference,
  checkImageTag,
  checkLabelKey,
  checkLabelValue,
  checkPlainText,
  checkReleaseName,
  checkZitiServiceName,
  isIPv4,
  isIPv6,
  parseHostPort,
  parsePort,
  splitLines,
  checkRoleAttribute,
} from '../validate';

describe('DNS names', () => {
  it.each(['a', 'ziti', 'my-ns', '0', 'a'.repeat(63)])('label %s is valid', (value) => {
    expect(checkDnsLabel('f', value, 'the name')).toBeUndefined();
  });
  it.each(['', 'A', 'a_b', '-a', 'a-', 'a.b', ' a', 'a'.repeat(64), 'é', 'a\n'])('label %j is rejected', (value) => {
    const problem = checkDnsLabel('f', value, 'the name');
    expect(problem?.path).toBe('f');
    expect(problem?.message.length).toBeGreaterThan(10);
  });
  it('release names stop at 53 characters', () => {
    expect(checkReleaseName('r', 'a'.repeat(53))).toBeUndefined();
    expect(checkReleaseName('r', 'a'.repeat(54))?.message).toMatch(/53/);
  });
  it.each(['ziti.internal', 'a.b.c', 'kubernetes.default.svc', 'x'])('subdomain %s is valid', (value) => {
    expect(checkDnsSubdomain('f', value, 'the domain')).toBeUndefined();
  });
  it.each(['', '.a', 'a.', 'a..b', 'A.b', 'a_b.c', `${'a'.repeat(64)}.b`, 'a.b '])('subdomain %j is rejected', (value) => {
    expect(checkDnsSubdomain('f', value, 'the domain')).toBeDefined();
  });
});

describe('ports and addresses', () => {
  it.each([
    ['1', 1],
    ['443', 443],
    ['65535', 65535],
  ])('port %s parses', (text, port) => {
    expect(parsePort('p', text)).toBe(port);
  });
  it.each(['', '0', '65536', '08080', '-1', '1.5', ' 80', '80 ', '1e3', '0x50', '８０'])('port %j is rejected', (text) => {
    expect(typeof parsePort('p', text)).toBe('object');
  });
  it.each(['10.96.0.10', '0.0.0.0', '255.255.255.255'])('IPv4 %s', (ip) => expect(isIPv4(ip)).toBe(true));
  it.each(['256.0.0.1', '10.96.0', '010.1.1.1', '1.2.3.4.5', ' 1.2.3.4'])('not IPv4 %j', (ip) => expect(isIPv4(ip)).toBe(false));
  it.each(['::1', '::', 'fd00::a', '2001:db8::1', '1:2:3:4:5:6:7:8', '::ffff:10.0.0.1', '1::8', 'fe80::1:2'])('IPv6 %s', (ip) =>
    expect(isIPv6(ip)).toBe(true),
  );
  it.each([':::', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::', '1:2:3:4:5:6:7', 'fe80::1%eth0', '::1.2.3'])('not IPv6 %j', (ip) =>
    expect(isIPv6(ip)).toBe(false),
  );
  it('host:port accepts names, IPv4 and bracketed IPv6', () => {
    expect(parseHostPort('x', 'web.default.svc:8080', 'the target', true)).toEqual({host: 'web.default.svc', port: 8080, kind: 'dns'});
    expect(parseHostPort('x', '10.0.0.1:80', 'the target', true)).toMatchObject({kind: 'ipv4'});
    expect(parseHostPort('x', '[fd00::1]:443', 'the target', true)).toMatchObject({host: 'fd00::1', kind: 'ipv6'});
  });
  it.each(['web', 'web:', ':80', 'fd00::1:443', '[web]:80', 'web:80:90', '1.2.3:80', 'web..svc:80', 'web:0'])('host:port rejects %j', (value) => {
    expect('port' in parseHostPort('x', value, 'the target', true)).toBe(false);
  });
  it('IPv6 upstreams can be refused where the consumer is IPv4-only', () => {
    const result = parseHostPort('x', '[fd00::1]:443', 'the upstream', false);
    expect('message' in result && result.message).toMatch(/IPv6/);
  });
});

describe('images, paths and names', () => {
  it.each([
    'docker.io/openziti/ziti-tunnel:2.0.1',
    'openziti/ziti-host:1.12.0',
    'busybox:1.36',
    'localhost:5000/a/b:c',
    'registry.example.com/my-app@sha256:' + 'a'.repeat(64),
    'ghcr.io/o/r:v1.2.3-rc.1',
  ])('image %s is valid', (image) => expect(checkImageReference('i', image, 'the image')).toBeUndefined());
  it.each(['', 'Docker.io/x', 'busybox', 'a b:1', 'x:', 'x:-1', 'x@sha256:abc', 'x//y:1', 'x:1\n'])('image %j is rejected', (image) =>
    expect(checkImageReference('i', image, 'the image')).toBeDefined(),
  );
  it('untagged images ask for a tag', () => {
    expect(checkImageReference('i', 'busybox', 'the image')?.message).toMatch(/tag or digest/);
  });
  it.each(['1.12.0', 'latest', 'v2_x-y.z'])('tag %s', (tag) => expect(checkImageTag('t', tag)).toBeUndefined());
  it.each(['', '.x', '-x', 'a:b', 'a'.repeat(129), 'a b'])('tag %j rejected', (tag) => expect(checkImageTag('t', tag)).toBeDefined());
  it.each(['/var/run/dbus/system_bus_socket', '/a'])('path %s', (p) => expect(checkAbsolutePath('p', p, 'the path')).toBeUndefined());
  it.each(['relative', '/', '/a//b', '/a/../b', '/a b', '/a/'])('path %j rejected', (p) => expect(checkAbsolutePath('p', p, 'the path')).toBeDefined());
  it.each(['k8s-tunneler', 'Sidecar_Client.1'])('identity name %s', (n) => expect(checkIdentityName('n', n)).toBeUndefined());
  it.each(['', 'a/b', '../x', 'a b', '-a', 'a.', 'x'.repeat(64)])('identity name %j rejected', (n) => expect(checkIdentityName('n', n)).toBeDefined());
  it.each(['k8s-api', 'My Service', "it's {odd}; #1 $x"])('service name %j', (n) => expect(checkZitiServiceName('s', n)).toBeUndefined());
  it.each(['', 'a,b', 'a"b', ' a', 'a\tb', 'a\u200bb'])('service name %j rejected', (n) => expect(checkZitiServiceName('s', n)).toBeDefined());
  it('label keys and values', () => {
    expect(checkLabelKey('k', 'kubernetes.io/os')).toBeUndefined();
    expect(checkLabelKey('k', 'node-role.kubernetes.io/worker')).toBeUndefined();
    expect(checkLabelKey('k', 'Bad/x')).toBeDefined();
    expect(checkLabelKey('k', 'a/b/c')).toBeDefined();
    expect(checkLabelKey('k', '')).toBeDefined();
    expect(checkLabelValue('v', '')).toBeUndefined();
    expect(checkLabelValue('v', '1_000')).toBeUndefined();
    expect(checkLabelValue('v', 'a b')).toBeDefined();
  });
  it('role attributes refuse the one the controller reads as every entity, in any case', () => {
    expect(checkRoleAttribute('r', 'k8s-clients')).toBeUndefined();
    expect(checkRoleAttribute('r', 'allowed')).toBeUndefined();
    for (const value of ['all', 'All', 'ALL']) expect(checkRoleAttribute('r', value)?.message).toMatch(/#all as every identity/);
  });
  it.each(['a\u034fb', 'a\ufe0fb', 'a\u3164b', 'a\u115fb', 'a\u2800b', 'a\u00a0b', 'a\u202fb', 'a\u3000b', 'a\u{e0100}b'])(
    'plain text refuses %j, which shows as nothing or as a plain space',
    (value) => expect(checkPlainText('t', value, 'it')).toBeDefined(),
  );
  it('plain text refuses invisible characters and padding', () => {
    expect(checkPlainText('t', 'ok', 'it')).toBeUndefined();
    expect(checkPlainText('t', 'a\u2028b', 'it')).toBeDefined();
    expect(checkPlainText('t', 'a\u0000b', 'it')).toBeDefined();
    expect(checkPlainText('t', ' a', 'it')).toBeDefined();
  });
});

describe('lines fields', () => {
  it('skips blank lines, drops CR and keeps positions', () => {
    expect(splitLines('a\r\n\n  \nb')).toEqual([
      {index: 0, text: 'a'},
      {index: 3, text: 'b'},
    ]);
    expect(splitLines('')).toEqual([]);
  });
});
