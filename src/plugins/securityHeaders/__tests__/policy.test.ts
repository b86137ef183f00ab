import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {
  HEADERS_FILE_LINE_LIMIT,
  cloudFrontPolicy,
  contentSecurityPolicy,
  hashSource,
  headersFile,
  inlineCode,
  nginxInclude,
  securityHeaders,
  withPolicyMeta,
} from '../policy';

const PAGE = [
  '<!doctype html><html><head><meta charset=UTF-8><title>t</title>',
  '<script>var a=1;\r\nvar b=2</script>',
  '<script type=module>import "./x.js"</script>',
  '<script data-rh=true type=application/ld+json>{"@type":"BreadcrumbList"}</script>',
  '<script src=/assets/js/main.0123.js defer></script>',
  '<style>:root{--x:1}</style>',
  '</head><body><p style="color:red">x</p></body></html>',
].join('');

describe('inline code of a built page', () => {
  it('finds the scripts the browser runs (not data blocks, not external ones) and the styles, as the browser hashes them', () => {
    const {scripts, styles} = inlineCode(PAGE);
    expect(scripts).toEqual(['var a=1;\nvar b=2', 'import "./x.js"']);
    expect(styles).toEqual([':root{--x:1}']);
  });

  it('refuses what only unsafe-inline could run: event handlers and javascript: URLs', () => {
    expect(() => inlineCode('<img src=x.png onerror="alert(1)">')).toThrow('event handlers');
    expect(() => inlineCode('<a href="javascript:void 0">x</a>')).toThrow('javascript:');
  });
});

describe('the policy', () => {
  it('allows the inline scripts by their SHA-256, once each and in a stable order, and never eval', () => {
    const expected = `'sha256-${createHash('sha256').update('var a=1').digest('base64')}'`;
    expect(hashSource('var a=1')).toBe(expected);
    const policy = contentSecurityPolicy({scripts: ['var a=1', 'var b=2', 'var a=1']});
    expect(policy).toContain(`script-src 'self' `);
    expect(policy.match(/'sha256-/g)).toHaveLength(2);
    expect(contentSecurityPolicy({scripts: ['var b=2', 'var a=1']})).toBe(policy);
    expect(policy).not.toMatch(/unsafe-eval|frame-ancestors/);
    expect(policy).toMatch(/^default-src 'none'; /);
  });

  it('adds frame-ancestors, nosniff and the referrer policy in the headers only', () => {
    const headers = Object.fromEntries(securityHeaders("default-src 'none'"));
    expect(headers).toEqual({
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });
});

describe('the files each host reads', () => {
  const headers = securityHeaders("default-src 'none'");

  it('_headers: one rule for everything below the baseUrl, and no line Cloudflare Pages would drop', () => {
    expect(headersFile('/docs/k8s/', headers).split('\n').slice(1, 3)).toEqual(['/docs/k8s/*', "  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'"]);
    const long = securityHeaders(`script-src ${'x'.repeat(HEADERS_FILE_LINE_LIMIT)}`);
    expect(() => headersFile('/', long)).toThrow('Cloudflare Pages');
  });

  it('nginx: every header `always` (the 404 page too), and no value nginx would rewrite', () => {
    expect(nginxInclude(headers)).toContain(`add_header Content-Security-Policy "default-src 'none'; frame-ancestors 'none'" always;`);
    expect(nginxInclude(headers)).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(() => nginxInclude([['X', 'a"b']])).toThrow('nginx');
    expect(() => nginxInclude([['X', '$host']])).toThrow('nginx');
  });

  it('CloudFront: the response headers policy carries the same values', () => {
    expect(cloudFrontPolicy('p', headers)).toEqual({
      Name: 'p',
      Comment: expect.any(String),
      SecurityHeadersConfig: {
        ContentSecurityPolicy: {ContentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", Override: true},
        ContentTypeOptions: {Override: true},
        ReferrerPolicy: {ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true},
      },
    });
  });

  it('the <meta> goes right after <meta charset>, before every script, and leaves the hashed code untouched', () => {
    const page = withPolicyMeta(PAGE, "default-src 'none'");
    expect(page.indexOf('http-equiv="Content-Security-Policy"')).toBeGreaterThan(page.indexOf('<meta charset=UTF-8>'));
    expect(page.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(page.indexOf('<script'));
    expect(page).toContain('<meta name="referrer" content="strict-origin-when-cross-origin">');
    expect(inlineCode(page)).toEqual(inlineCode(PAGE));
    expect(() => withPolicyMeta(page, 'x')).toThrow('already');
    expect(() => withPolicyMeta('<html><head><script>1</script></head></html>', 'x')).toThrow('charset');
  });
});
