/**
 * Sentences the guides state about upstream behaviour (issue 21 #3, #5–#8), each
 * checked beside the fact it rests on: the chart record's defaults where the
 * record holds it, the upstream source named in the comment where it does not.
 */
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {BUILDERS} from '../../manifests';
import {loadChartRecord} from '../../manifests/__tests__/support';

const DOCS = resolve(__dirname, '../../../docs');
/** A page as one line of prose, so a phrase may wrap anywhere. */
function page(file: string): string {
  return readFileSync(resolve(DOCS, file), 'utf8').replace(/\s+/g, ' ');
}
/** The text of one `##` or `###` section of a page, as one line. */
function section(file: string, heading: string): string {
  const text = readFileSync(resolve(DOCS, file), 'utf8');
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`${file} has no section ${heading}`);
  const level = heading.split(' ')[0] ?? '##';
  const rest = text.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{2,${level.length}} `));
  return (end < 0 ? rest : rest.slice(0, end)).replace(/\s+/g, ' ');
}

const NODE_PROXY = 'egress/node-proxy-daemonset.mdx';
const edgeTunnel = loadChartRecord('ziti-edge-tunnel').values as {
  livenessProbe: {exec: {command: string[]}; timeoutSeconds: number};
  log: {zitiLevel: number};
};

describe('the node proxy liveness probe (#3)', () => {
  const probe = edgeTunnel.livenessProbe.exec.command.join(' ');

  it('the chart runs tunnel_status into jq without -e or pipefail, with a 10 s time-out', () => {
    expect(probe).toContain("ziti-edge-tunnel tunnel_status | jq '.Success'");
    expect(probe).not.toMatch(/jq -e|pipefail/);
    expect(edgeTunnel.livenessProbe.timeoutSeconds).toBe(10);
  });

  it.each(['## Verify', '### Pods restart every few minutes'])('%s: passes without the IPC socket, fails on a hang or non-JSON', (heading) => {
    const text = section(NODE_PROXY, heading);
    expect(text).toMatch(/empty input/);
    expect(text).toMatch(/10-second time-out/);
    expect(text).not.toMatch(/fails only when the tunneler's IPC socket does not answer/);
    expect(text).not.toMatch(/did not answer on the IPC socket,/);
  });
});

describe('log.zitiLevel (#5)', () => {
  it('the chart defaults it to 3, and the page gives the range that renders as typed', () => {
    expect(edgeTunnel.log.zitiLevel).toBe(3);
    const text = page(NODE_PROXY);
    expect(text).not.toMatch(/0 to 6/);
    expect(text).toMatch(/1 to 6, default 3; `0` renders as 3/);
  });
});

describe('the node proxy address range (#6)', () => {
  // ziti-tunnel-sdk-c v1.15.1 programs/ziti-edge-tunnel/ziti-edge-tunnel.c: DEFAULT_DNS_CIDR "100.64.0.1/10",
  // tun_ip = the given address, dns_ip = the next one; docker/docker-entrypoint.sh passes the chart's args to `run`.
  it('the page says the range is routed on every node, how to move it, and that the DNS forward moves too', () => {
    const text = page(NODE_PROXY);
    expect(text).toMatch(/routes that whole range into its tun interface on every node/);
    expect(text).toContain('--dns-ip-range=100.127.0.1/16');
    expect(text).toMatch(/cluster DNS forward in the DNS step must name that address instead of `100\.64\.0\.2`/);
  });

  it('the Ziti DNS domain field says so too', () => {
    const help = BUILDERS['node-proxy-daemonset'].fields.find((field) => field.name === 'zitiDomain')?.help ?? '';
    expect(help).toMatch(/100\.64\.0\.0\/10 on every node/);
    expect(help).toContain('--dns-ip-range');
  });
});

describe('router proxy mode below port 1024 (#7)', () => {
  // openziti/ziti v2.0.1 dist/docker-images/ziti-router/Dockerfile ends with USER ziggy (UID 2171 from ziti-cli).
  it('the chart sets no capability and the page asks for a containerPort of 1024 or above', () => {
    const router = loadChartRecord('ziti-router').values as {securityContext: unknown};
    expect(JSON.stringify(router.securityContext ?? {})).not.toContain('NET_BIND_SERVICE');
    expect(section('ingress/openziti-router.mdx', '### Cluster-wide egress with proxy mode')).toMatch(
      /An `advertisedPort` below 1024 needs a `containerPort` of 1024 or above/,
    );
  });
});

describe('how soon a hosting tunneler sees a new Bind policy (#8)', () => {
  // openziti/ziti v2.0.1 ziti/tunnel/proxy.go sets --svcPollRate to MaxUint32 unless it is given.
  it('the overview no longer promises "within moments", and names the loopback sidecar’s exception', () => {
    const text = page('index.mdx');
    expect(text).not.toMatch(/within moments/);
    expect(text).toMatch(/loopback sidecar: in proxy mode `ziti tunnel` polls only at start unless `--svcPollRate` is set/);
    const help = BUILDERS['loopback-proxy-sidecar'].fields.find((field) => field.name === 'svcPollRate')?.help ?? '';
    expect(help).toMatch(/does not refresh services unless this is set/);
  });
});
