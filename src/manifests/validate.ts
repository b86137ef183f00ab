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
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Rejects empty strings, invisible characters and surrounding whitespace. */
export function checkPlainText(path: string, value: string, what: string): Issue | undefined {
  if (value.length === 0) return issue(path, `Enter ${what}.`);
  if (INVISIBLE.test(value)) {
    return issue(path, `${capitalize(what)} contains a line break or an invisible character; type it on one line.`);
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

/** Helm release names are DNS labels and Helm caps them at 53 characters. */
export function checkReleaseName(path: string, value: string): Issue | undefined {
  return checkDnsLabel(path, value, 'the release name', 53);
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
  return isDnsSubdomain(value) ? 'dns' : undefined;
}

/** Host and port of an address written `host:port`, or `[ipv6]:port`. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
  readonly kind: HostKind;
}

/**
 * Parses `host:port`. IPv6 hosts need brackets so the port is unambiguous.
 * `allowIPv6` is false where the consumer cannot use IPv6 (the NGINX module).
 */
export function parseHostPort(path: string, value: string, what: string, allowIPv6: boolean): HostPort | Issue {
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
    return issue(path, `${capitalize(what)} cannot be an IPv6 address here; use a DNS name or an IPv4 address.`);
  }
  const port = parsePort(path, match[2] ?? '');
  if (typeof port !== 'number') return port;
  return {host: rawHost, port, kind};
}

/*
 * Docker/OCI image reference, after the grammar in distribution/reference:
 *   [domain[:port]/]path[:tag][@digest]
 * domain: DNS-ish labels (upper case allowed), or localhost, with optional port;
 * path:   lower-case components separated by '/', each alnum runs joined by '.', '_', '__' or '-'s;
 * tag:    a word character then up to 127 of [\w.-];
 * digest: algorithm ':' at least 32 hex digits.
 */
const IMAGE_DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?`;
const IMAGE_COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const IMAGE_TAG = String.raw`[\w][\w.-]{0,127}`;
const IMAGE_DIGEST = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`;
const IMAGE_REFERENCE = new RegExp(
  String.raw`^(?:(${IMAGE_DOMAIN})/)?(${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*)(?::(${IMAGE_TAG}))?(?:@(${IMAGE_DIGEST}))?$`,
);
/* A tag alone, as the charts' image.tag takes it. */
const IMAGE_TAG_ONLY = new RegExp(`^${IMAGE_TAG}$`);

/** Full image reference; a tag or digest is required so every node runs the same image. */
export function checkImageReference(path: string, value: string, what: string): Issue | undefined {
  const text = checkPlainText(path, value, what);
  if (text) return text;
  const match = IMAGE_REFERENCE.exec(value);
  if (!match || value.length > 255) {
    return issue(path, `${capitalize(what)} is not a valid image reference; use registry/repository:tag, e.g. "docker.io/library/busybox:1.37".`);
  }
  if (!match[3] && !match[4]) {
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

export function checkRoleAttribute(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the role attribute');
  if (text) return text;
  if (value.length > 128) return issue(path, 'The role attribute is too long; keep it to 128 characters.');
  if (!ROLE_ATTRIBUTE.test(value)) {
    return issue(path, "The role attribute may only hold letters, digits, '.', '_' and '-' (it is used as #name in policies).");
  }
  return undefined;
}

/**
 * OpenZiti service names. The controller accepts almost anything, but the
 * `ziti` CLI reads role lists such as `--service-roles '@name'` as CSV, so a
 * comma or double quote would split or mangle the name.
 */
export function checkZitiServiceName(path: string, value: string): Issue | undefined {
  const text = checkPlainText(path, value, 'the OpenZiti service name');
  if (text) return text;
  if (value.length > 255) return issue(path, 'The OpenZiti service name is too long; keep it to 255 characters.');
  // Either CSV separator character anywhere in the name.
  if (/[,"]/.test(value)) {
    return issue(path, 'The OpenZiti service name cannot contain "," or \'"\': the ziti CLI splits role lists on them.');
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
