/**
 * Input checks shared by every strategy. Each check takes the Issue path and the
 * raw string and returns an Issue (or undefined when the value is fine), so a
 * parser can collect every problem in one pass instead of stopping at the first.
 *
 * Messages are written for the reader of the form, not for a developer: they say
 * what is allowed and, where it helps, why.
 */
import type {Issue} from './types';

/** Shorthand used by every check. */
export function issue(path: string, message: string): Issue {
  return {path, message};
}

/*
 * Characters no form value may contain: control characters (C0/C1, DEL),
 * invisible format characters, unassigned/private-use/surrogate code points and
 * the Unicode line/paragraph separators. They either break a YAML or shell line
 * or are invisible on screen, so a reader could not see what they would run.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
/*
 * Default_Ignorable_Code_Point adds what fonts draw as nothing although it is
 * not a format character: U+034F, the variation selectors, the Hangul fillers
 * (U+115F, U+1160, U+3164, U+FFA0) and the like. U+2800 (braille blank) is not
 * in that set but renders as an empty cell, so it is refused with them.
 */

/*
 * Spaces other than U+0020 (no-break, thin, ideographic…): on screen they look
 * like a plain space, but a shell or a program splitting on spaces sees a
 * letter, so the command that runs is not the one the reader thinks they read.
 */
const ODD_SPACE = /[^\P{Zs} ]/u;

/** Rejects empty strings, invisible characters, look-alike spaces and surrounding whitespace. */
export function checkPlainText(path: string, value: string, what: string): Issue | undefined {
  if (value.length === 0) return issue(path, `Enter ${what}.`);
  if (INVISIBLE.test(value)) {
    return issue(path, `${capitalize(what)} contains a line break or an invisible character; type it on one line.`);
  }
  const space = ODD_SPACE.exec(value);
  if (space) {
    const code = (space[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return issue(
      path,
      `${capitalize(what)} contains a space that is not a plain space (U+${code}, e.g. a no-break space pasted from a web page); it looks like one but is a different character to the shell and to Kubernetes. Retype it with the space bar.`,
    );
  }
  if (value.trim() !== value) return issue(path, `Remove the spaces at the start or end of ${what}.`);
  return undefined;
}

/** Like {@link checkPlainText} but an empty value is allowed (optional fields). */
export function checkOptionalText(path: string, value: string, what: string): Issue | undefined {
  return value === '' ? undefined : checkPlainText(path, value, what);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/*
 * RFC 1123 label as Kubernetes uses it: lower-case letters, digits and '-',
 * starting and ending with a letter or digit.
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes DNS-1123 label (namespaces, most object names), at most `max` characters. */
export function checkDnsLabel(path: string, value: string, what: string, max = 63): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  if (value.length > max) return issue(path, `${capitalize(what)} is ${value.length} characters long; the limit is ${max}.`);
  if (!DNS_LABEL.test(value)) {
    return issue(
      path,
      `${capitalize(what)} may only hold lower-case letters, digits and '-', and must start and end with a letter or digit (e.g. "my-name").`,
    );
  }
  return undefined;
}

/** Kubernetes DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
export function checkDnsSubdomain(path: string, value: string, what: string): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  if (value.length > 253) return issue(path, `${capitalize(what)} is ${value.length} characters long; the limit is 253.`);
  if (!isDnsSubdomain(value)) {
    return issue(
      path,
      `${capitalize(what)} must be a lower-case DNS name: letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (e.g. "example.com").`,
    );
  }
  return undefined;
}

export function isDnsSubdomain(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label));
}

/*
 * A pod's dnsConfig.searches entry as the API server checks it today:
 * kubernetes/kubernetes pkg/apis/core/validation/validation.go
 * validatePodDNSConfig. With RelaxedDNSSearchValidation (beta and on by default
 * since Kubernetes 1.33, kubernetes/website feature-gates/RelaxedDNSSearchValidation.md)
 * a lone "." is allowed, one trailing dot is trimmed, and the rest must be
 * IsDNS1123SubdomainWithUnderscore (staging/src/k8s.io/apimachinery/pkg/util/
 * validation/validation.go: each label `_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?`,
 * at most 253 characters). A label over 63 characters passes the API but can
 * never be sent in a DNS query (RFC 1035 2.3.4), so it is refused with that reason.
 */
const SEARCH_LABEL = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

export function checkSearchDomain(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'a search domain');
  if (text) return text;
  if (value === '.') return undefined;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length > 253) return issue(path, `The search domain is ${name.length} characters long; Kubernetes allows 253.`);
  const labels = name.split('.');
  if (name.length > 0 && labels.every((label) => SEARCH_LABEL.test(label)) && labels.some((label) => label.length > 63)) {
    // Kubernetes itself has no per-label limit here, but a resolver cannot put a label over 63 bytes on the wire (RFC 1035 2.3.4).
    return issue(path, 'A part of this search domain is longer than 63 characters; Kubernetes would accept it, but no DNS lookup through it could succeed.');
  }
  const ok = name.length > 0 && labels.every((label) => SEARCH_LABEL.test(label));
  if (!ok) {
    return issue(
      path,
      `Kubernetes refuses this search domain: use lower-case letters, digits, '-' and '_' in dot-separated parts that start and end with a letter or digit (one leading '_' allowed), optionally ending in "." (e.g. "example.com").`,
    );
  }
  return undefined;
}

/*
 * A host name a tunneler dials (host.v1 address, NGINX upstream). The
 * controller's host.v1 schema does not restrict it (openziti/ziti
 * controller/db/migration_initialize.go: dialAddress is "idn-hostname", which
 * it documents as letting every address through), and the resolvers that
 * dial it (Go's net.Dial in tunnel/intercept/hosting.go, getaddrinfo in the C
 * tunneler) ignore case and take a trailing dot as "already absolute". So
 * upper case and one trailing dot are accepted and kept as typed.
 */
export function isDialHostName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => label.length <= 63 && /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(label));
}

/*
 * Zones a Ziti DNS domain must not take over. Cluster DNS would send every
 * query for the domain and everything below it to the tunneler, so a domain
 * equal to or above the cluster domain breaks all in-cluster names, one inside
 * svc./pod. of it hides a namespace's Services or the pod records, and the
 * reverse zones carry PTR lookups for every address (the Corefile kubeadm
 * writes serves `kubernetes cluster.local in-addr.arpa ip6.arpa`:
 * kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go).
 */
const CLUSTER_DOMAIN = 'cluster.local';
const REVERSE_ZONES = ['in-addr.arpa', 'ip6.arpa'];

function isSameOrBelow(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The Ziti DNS domain CoreDNS forwards to the tunneler: a DNS name that takes over nothing the cluster resolves. */
export function checkZitiDnsDomain(path: string, value: string): Issue | undefined {
  const problem = checkDnsSubdomain(path, value, 'the Ziti DNS domain');
  if (problem) return problem;
  if (isSameOrBelow(CLUSTER_DOMAIN, value)) {
    return issue(
      path,
      `The Ziti DNS domain "${preview(value)}" is the cluster domain (${CLUSTER_DOMAIN}) or a parent of it: cluster DNS would send every in-cluster lookup to the tunneler. Use a domain of its own, e.g. "ziti.internal".`,
    );
  }
  if (isSameOrBelow(value, `svc.${CLUSTER_DOMAIN}`) || isSameOrBelow(value, `pod.${CLUSTER_DOMAIN}`)) {
    return issue(
      path,
      `The Ziti DNS domain "${preview(value)}" lies inside the cluster's Service or pod records (${CLUSTER_DOMAIN}): cluster DNS would send those names to the tunneler instead. Use a domain outside ${CLUSTER_DOMAIN}.`,
    );
  }
  const reverse = REVERSE_ZONES.find((zone) => isSameOrBelow(value, zone) || isSameOrBelow(zone, value));
  if (reverse) {
    return issue(
      path,
      `The Ziti DNS domain "${preview(value)}" overlaps the reverse-lookup zone ${reverse}: cluster DNS would send address-to-name lookups to the tunneler. Use a forward domain such as "ziti.internal".`,
    );
  }
  return undefined;
}

/*
 * Helm's own release-name rule: a lower-case DNS subdomain (dots allowed) of at
 * most 53 characters. helm/helm pkg/chartutil/validate_name.go (validName,
 * maxReleaseNameLen). What each chart then derives from the name is checked in
 * helmCommon.ts, because the limit a reader meets there is the derived one.
 */
const HELM_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const HELM_RELEASE_NAME_MAX = 53;

export function checkReleaseName(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the release name');
  if (text) return text;
  if (value.length > HELM_RELEASE_NAME_MAX) {
    return issue(path, `The release name is ${value.length} characters long; helm install refuses names longer than ${HELM_RELEASE_NAME_MAX}.`);
  }
  if (!HELM_RELEASE_NAME.test(value)) {
    return issue(
      path,
      `helm install refuses this release name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (e.g. "ziti-edge-tunnel").`,
    );
  }
  return undefined;
}

/*
 * What Helm's YAML parser makes of a plain (unquoted) scalar. Helm renders a
 * chart's templates to text and reads that text back with sigs.k8s.io/yaml,
 * whose go-yaml v2 fork resolves plain scalars by the rules below
 * (kubernetes-sigs/yaml goyaml.v2/resolve.go: resolveMapList, the 'D'/'S'
 * branch with strconv.ParseInt(plain, 0, 64) after removing '_', then
 * yamlStyleFloat). Date-shaped values such as 2001-12-14 match neither number
 * form and stay text when decoded into interface{} (goyaml.v2/decode.go).
 */
const GO_YAML_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const GO_YAML_NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const GO_YAML_SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
/* Go's strconv.ParseInt(s, 0, 64) syntax (base prefixes 0x, 0o, 0b, a leading 0 for octal); overflow still resolves to a big int. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export type YamlScalarType = 'a boolean' | 'null' | 'a number';

/** The type Helm's YAML reader gives `value` written without quotes, or undefined when it stays a string. */
export function goYamlPlainType(value: string): YamlScalarType | undefined {
  if (GO_YAML_BOOLS.has(value)) return 'a boolean';
  if (GO_YAML_NULLS.has(value)) return 'null';
  if (GO_YAML_SPECIAL_FLOATS.has(value)) return 'a number';
  const first = value.charAt(0);
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(value) && Number.isFinite(Number(value)) ? 'a number' : undefined;
  if (!/^[-+0-9]/.test(first)) return undefined;
  const plain = value.replace(/_/g, '');
  if (GO_INT.test(plain)) return 'a number';
  if (GO_YAML_FLOAT.test(plain) && Number.isFinite(Number(plain))) return 'a number';
  if (/^-?0b[01]+$/.test(plain)) return 'a number';
  return undefined;
}

/**
 * Refuses a value a chart template prints without quotes when Helm's YAML
 * reader would turn it into a number, boolean or null: the manifest then holds
 * the wrong type however carefully our values file quotes it. `where` names
 * the template line, e.g. "the DaemonSet's secretName (templates/daemonset.yaml)".
 */
export function checkUnquotedInChart(path: string, value: string, what: string, where: string): Issue | undefined {
  const type = goYamlPlainType(value);
  if (!type) return undefined;
  return issue(
    path,
    `${capitalize(what)} "${preview(value)}" would reach Kubernetes as ${type}, not as text: the chart prints it without quotes in ${where}, and Helm's YAML reader takes it as ${type}. Pick one that is not a number, true/false, yes/no, on/off or null (e.g. put a word such as "app-" in front).`,
  );
}

/*
 * A TCP/UDP port written the canonical way: 1-5 digits without a leading zero,
 * so the number we emit is exactly what the reader typed.
 */
const PORT = /^[1-9][0-9]{0,4}$/;

/** Parses a port; returns the number or an Issue. */
export function parsePort(path: string, value: string): number | Issue {
  if (value === '') return issue(path, 'Enter a port number from 1 to 65535.');
  if (!PORT.test(value)) return issue(path, `"${preview(value)}" is not a port number; use a whole number from 1 to 65535 without leading zeros.`);
  const port = Number(value);
  if (port > 65535) return issue(path, `Port ${port} is too large; the highest port is 65535.`);
  return port;
}

/** A positive whole number (seconds, counts), at most `max`. */
export function parsePositiveInt(path: string, value: string, what: string, max: number): number | Issue {
  // Same shape as a port: digits only, no sign, no leading zero.
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > max) {
    return issue(path, `${capitalize(what)} must be a whole number from 1 to ${max}.`);
  }
  return Number(value);
}

/* Dotted-quad IPv4 with each octet 0-255 and no leading zeros (which some tools read as octal). */
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** IPv6 in any RFC 4291 text form (with `::` compression and an optional trailing IPv4), no zone id. */
export function isIPv6(value: string): boolean {
  if (value.length < 2 || value.length > 45) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let width = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i] ?? '';
    const last = i === all.length - 1;
    if (last && group.includes('.')) {
      // An embedded IPv4 address counts as two 16-bit groups.
      if (!isIPv4(group)) return false;
      width += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
      // One hextet: 1-4 hex digits.
      width += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? width < 8 : width === 8;
}

export function checkIpAddress(path: string, value: string, what: string): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  if (!isIPv4(value) && !isIPv6(value)) {
    return issue(path, `${capitalize(what)} must be an IPv4 address such as 10.96.0.10 or an IPv6 address such as fd00::a.`);
  }
  return undefined;
}

/** A host an upstream or controller can be reached at: DNS name or IP literal. */
export type HostKind = 'dns' | 'ipv4' | 'ipv6';

export function hostKind(value: string): HostKind | undefined {
  if (isIPv4(value)) return 'ipv4';
  if (isIPv6(value)) return 'ipv6';
  // All-numeric dotted names look like mistyped IPv4 addresses; refuse them.
  if (/^[0-9.]+$/.test(value)) return undefined;
  return isDialHostName(value) ? 'dns' : undefined;
}

/** Host and port of an address written `host:port`, or `[ipv6]:port`. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
  readonly kind: HostKind;
}

/**
 * Parses `host:port`. IPv6 hosts need brackets so the port is unambiguous.
 * `allowIPv6` is false where the consumer cannot use IPv6 (the NGINX module);
 * `ipv6Reason` then says why, in words that finish "…cannot be an IPv6 address here: ".
 */
export function parseHostPort(
  path: string,
  value: string,
  what: string,
  allowIPv6: boolean,
  ipv6Reason = 'use a DNS name or an IPv4 address.',
): HostPort | Issue {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  // "[v6]:port" or "host:port"; the host part must not itself contain ':'.
  const match = /^\[([^\]]+)\]:([^:]*)$/.exec(value) ?? /^([^:[\]]+):([^:]*)$/.exec(value);
  if (!match) return issue(path, `Write ${what} as host:port, e.g. "service.namespace.svc:443".`);
  const rawHost = match[1] ?? '';
  const bracketed = value.startsWith('[');
  const kind = hostKind(rawHost);
  if (!kind || (bracketed && kind !== 'ipv6') || (!bracketed && kind === 'ipv6')) {
    return issue(path, `"${preview(rawHost)}" is not a DNS name or IP address; write ${what} as host:port (IPv6 as [address]:port).`);
  }
  if (kind === 'ipv6' && !allowIPv6) {
    return issue(path, `${capitalize(what)} cannot be an IPv6 address here: ${ipv6Reason}`);
  }
  const port = parsePort(path, match[2] ?? '');
  if (typeof port !== 'number') return port;
  return {host: rawHost, port, kind};
}

/*
 * Image references as the kubelet and the container runtime parse them:
 * distribution/reference regexp.go (referencePat: [domain[:port]/]path[:tag][@digest])
 * after normalize.go ParseNormalizedNamed, then go-digest for the digest.
 *  - domain: DNS-like labels (upper case allowed) or an IPv6 address in
 *    brackets (ipv6address), with an optional port;
 *  - path: lower-case components joined by '.', '_', '__' or runs of '-';
 *    an upper-case path is refused ("repository name must be lowercase");
 *  - tag: a word character then at most 127 of [\w.-] (tag);
 *  - digest: the algorithm must be one the runtime knows and the hex exact and
 *    lower case: opencontainers/go-digest algorithm.go (anchoredEncodedRegexps:
 *    sha256 64, sha384 96, sha512 128 hex digits; any other algorithm is
 *    ErrDigestUnsupported);
 *  - the path, after normalize.go adds "library/" to a one-part Docker Hub name,
 *    is at most 255 characters (reference.go Parse: RepositoryNameTotalLengthMax).
 */
const IMAGE_DOMAIN_COMPONENT = String.raw`(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`;
const IMAGE_HOST = String.raw`(?:${IMAGE_DOMAIN_COMPONENT}(?:\.${IMAGE_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])`;
const IMAGE_DOMAIN = String.raw`${IMAGE_HOST}(?::[0-9]+)?`;
const IMAGE_COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const IMAGE_TAG = String.raw`[\w][\w.-]{0,127}`;
const IMAGE_DIGEST = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`;
const IMAGE_REFERENCE = new RegExp(
  String.raw`^((?:${IMAGE_DOMAIN}/)?${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*)(?::(${IMAGE_TAG}))?(?:@(${IMAGE_DIGEST}))?$`,
);
/* A tag alone, as the charts' image.tag takes it. */
const IMAGE_TAG_ONLY = new RegExp(`^${IMAGE_TAG}$`);
/* go-digest's known algorithms and the exact, lower-case hex each needs. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = {sha256: 64, sha384: 96, sha512: 128};
const REPOSITORY_PATH_MAX = 255;

/** The repository path the runtime ends up with: normalize.go splitDockerDomain. */
function normalizedImagePath(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return `library/${name}`;
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  if (!isDomain) return name;
  const dockerHub = first === 'docker.io' || first === 'index.docker.io';
  return dockerHub && !rest.includes('/') ? `library/${rest}` : rest;
}

/** Full image reference; a tag or digest is required so every node runs the same image. */
export function checkImageReference(path: string, value: string, what: string): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  const match = IMAGE_REFERENCE.exec(value);
  if (!match) {
    if (IMAGE_REFERENCE.test(value.toLowerCase())) {
      return issue(path, `${capitalize(what)} has upper-case letters in its repository path; the container runtime refuses it ("repository name must be lowercase"). Only the registry host may use upper case.`);
    }
    return issue(path, `${capitalize(what)} is not a valid image reference; use registry/repository:tag, e.g. "docker.io/library/busybox:1.37".`);
  }
  const [, name = '', tag, digest] = match;
  if (normalizedImagePath(name).length > REPOSITORY_PATH_MAX) {
    return issue(path, `The repository path of ${what} is longer than ${REPOSITORY_PATH_MAX} characters; the container runtime refuses it.`);
  }
  if (digest !== undefined) {
    const colon = digest.indexOf(':');
    const algorithm = digest.slice(0, colon);
    const hex = digest.slice(colon + 1);
    const length = DIGEST_HEX_LENGTH[algorithm];
    if (length === undefined) {
      return issue(path, `The digest algorithm "${preview(algorithm)}" of ${what} is not one the container runtime supports; use sha256 (or sha384/sha512).`);
    }
    if (hex.length !== length || !/^[0-9a-f]+$/.test(hex)) {
      return issue(path, `A ${algorithm} digest in ${what} must be exactly ${length} lower-case hex digits; the container runtime refuses any other form.`);
    }
  }
  if (tag === undefined && digest === undefined) {
    return issue(path, `Add a tag or digest to ${what} (e.g. ":1.2.3") so every node pulls the same image.`);
  }
  return undefined;
}

export function checkImageTag(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the image tag');
  if (text) return text;
  if (!IMAGE_TAG_ONLY.test(value)) {
    return issue(path, 'The image tag may hold letters, digits, "_", "." and "-" (not first), at most 128 characters, e.g. "1.12.0".');
  }
  return undefined;
}

/** An absolute POSIX path without `.`/`..` segments or doubled slashes. */
export function checkAbsolutePath(path: string, value: string, what: string): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  // Leading '/', then segments of anything except '/' and whitespace.
  if (!/^(\/[^/\s]+)+$/.test(value) || value.split('/').some((part) => part === '.' || part === '..')) {
    return issue(path, `${capitalize(what)} must be an absolute path such as /var/run/dbus/system_bus_socket, without spaces, "." or ".." parts.`);
  }
  if (value.length > 4096) return issue(path, `${capitalize(what)} is too long.`);
  return undefined;
}

/*
 * Names we also use as file names (/tmp/NAME.jwt), Secret keys (NAME.json) and
 * ZITI_IDENTITY_BASENAME: letters, digits, '.', '_' and '-', starting and ending
 * with a letter or digit. OpenZiti itself accepts more, but these must survive
 * every one of those places unchanged.
 */
const FILE_SAFE_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function checkIdentityName(path: string, value: string, what = 'the identity name'): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  if (value.length > 63) return issue(path, `${capitalize(what)} is ${value.length} characters long; keep it to 63.`);
  if (!FILE_SAFE_NAME.test(value)) {
    return issue(
      path,
      `${capitalize(what)} becomes a file name and a Secret key, so it may only hold letters, digits, '.', '_' and '-', starting and ending with a letter or digit.`,
    );
  }
  return undefined;
}

/*
 * Role attributes are referenced as '#name' inside comma-separated role lists,
 * so commas, quotes, '#', '@' and spaces would change their meaning.
 */
const ROLE_ATTRIBUTE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/*
 * Attributes the controller gives a meaning of their own. A policy's role list
 * holding `#all` selects every entity of that kind, whatever its attributes
 * (openziti/ziti controller/db/util.go: AllRole = "#all";
 * controller/db/policy_common.go evaluatePolicyAgainstEntity matches any
 * entity when the roles contain "all"). So an identity given the attribute
 * `all` gains nothing, but every policy we write for `#all` would let every
 * identity in the network dial or host the services, and route through every
 * router. The controller compares it exactly; other spellings (`All`, `ALL`)
 * are refused too, because in a policy they read as "everyone" to a person.
 */
const SPECIAL_ROLE_ATTRIBUTES = new Set(['all']);

export function checkRoleAttribute(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the role attribute');
  if (text) return text;
  if (SPECIAL_ROLE_ATTRIBUTES.has(value.toLowerCase())) {
    return issue(
      path,
      `The role attribute cannot be "${value}": the policies select identities by #${value}, and the controller reads #all as every identity in the network, so every one of them could use these services. Pick a name of its own, e.g. "k8s-clients".`,
    );
  }
  if (value.length > 128) return issue(path, 'The role attribute is too long; keep it to 128 characters.');
  if (!ROLE_ATTRIBUTE.test(value)) {
    return issue(path, "The role attribute may only hold letters, digits, '.', '_' and '-' (it is used as #name in policies).");
  }
  return undefined;
}

/**
 * OpenZiti service names. The controller accepts almost anything, spaces
 * included; the refusals below are where the `ziti` CLI would misread a name:
 *  - `,` and `"`: role lists such as `--service-roles '@name'` are read as CSV
 *    (pflag StringSlice);
 *  - `\`: the CLI finds services, configs and policies by name with a ZitiQL
 *    filter built as name="<name>" without escaping (openziti/ziti
 *    ziti/cmd/edge/common.go mapNameToID, mapNamesToIDs), and a ZitiQL string
 *    only allows `\` before one of "\fnrt (openziti/foundation
 *    storage/zitiql/ZitiQl.g4: STRING, ESC, SAFECODEPOINT);
 *  - a leading `-`: cobra reads a positional argument that starts with `-` as
 *    flags, so `ziti edge create service -x` never sees the name (and
 *    `ziti tunnel proxy -x:80` fails the same way);
 *  - a leading `id:` or `name:`: `ziti edge delete …` and `--configs` resolve
 *    their arguments with mapNamesToIDs, which strips those prefixes and looks
 *    up the rest (common.go), so `ziti edge delete service name:x` would
 *    delete the service "x".
 */
export function checkZitiServiceName(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the OpenZiti service name');
  if (text) return text;
  if (value.length > 255) return issue(path, 'The OpenZiti service name is too long; keep it to 255 characters.');
  // Either CSV separator character anywhere in the name.
  if (/[,"]/.test(value)) {
    return issue(path, 'The OpenZiti service name cannot contain "," or \'"\': the ziti CLI splits role lists on them.');
  }
  if (value.includes('\\')) {
    return issue(path, 'The OpenZiti service name cannot contain "\\": the ziti CLI looks services up with a filter name="…", where a backslash starts an escape, so delete and policy commands would not find it.');
  }
  if (value.startsWith('-')) {
    return issue(path, 'The OpenZiti service name cannot start with "-": the ziti CLI would read it as an option instead of a name.');
  }
  const prefix = /^(id|name):/.exec(value);
  if (prefix) {
    return issue(
      path,
      `The OpenZiti service name cannot start with "${prefix[0]}": ziti edge delete and --configs read that prefix as "look up by ${prefix[1]}", so the cleanup would miss this service or hit another.`,
    );
  }
  return undefined;
}

/*
 * Kubernetes label key: optional DNS-subdomain prefix and '/', then a name of
 * at most 63 characters: alphanumerics with '-', '_' or '.' inside.
 */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export function checkLabelKey(path: string, key: string): Issue | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) {
    return issue(path, `The label key prefix "${preview(prefix)}" must be a lower-case DNS name, e.g. "kubernetes.io/os".`);
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return issue(
      path,
      `The label key "${preview(key)}" must be up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, optionally after a "prefix/".`,
    );
  }
  return undefined;
}

export function checkLabelValue(path: string, value: string): Issue | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return issue(
      path,
      `The label value "${preview(value)}" must be empty or up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`,
    );
  }
  return undefined;
}

/** One non-blank line of a `lines` field with its 0-based position in the text. */
export interface Line {
  readonly index: number;
  readonly text: string;
}

/**
 * Splits a `lines` field. Blank lines are skipped, a Windows '\r' before the
 * newline is dropped; anything else is kept exactly so checks see what was typed.
 */
export function splitLines(value: string): Line[] {
  const lines: Line[] = [];
  value.split('\n').forEach((raw, index) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') lines.push({index, text});
  });
  return lines;
}

/** Path of one line in a `lines` field, e.g. `bindings[1]`. */
export function linePath(field: string, line: Line): string {
  return `${field}[${line.index}]`;
}

/** Human position used in messages ("Line 2"). */
export function lineLabel(line: Line): string {
  return `Line ${line.index + 1}`;
}

/** Complains when a `lines` field has no entries. */
export function checkNotEmpty(path: string, lines: readonly Line[], what: string): Issue | undefined {
  return lines.length === 0 ? issue(path, `Add at least one ${what}, one per line.`) : undefined;
}

/**
 * Finds repeated keys; returns one Issue per repeat, pointing at the later line.
 * `describe` turns a key into the words used in the message.
 */
export function findDuplicates<T>(
  field: string,
  entries: readonly {readonly line: Line; readonly value: T}[],
  keyOf: (value: T) => string,
  describe: (value: T) => string,
): Issue[] {
  const seen = new Map<string, Line>();
  const issues: Issue[] = [];
  for (const {line, value} of entries) {
    const key = keyOf(value);
    const first = seen.get(key);
    if (first) {
      issues.push(issue(linePath(field, line), `${lineLabel(line)} repeats ${describe(value)} from line ${first.index + 1}.`));
    } else {
      seen.set(key, line);
    }
  }
  return issues;
}

/** A short, single-line rendition of reader input for use inside messages. */
export function preview(value: string): string {
  const flat = value.replace(INVISIBLE_GLOBAL, '\uFFFD');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu');
