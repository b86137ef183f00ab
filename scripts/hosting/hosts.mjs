// Real static hosts for the end-to-end run: `python3 -m http.server` (maps a path to
// a file or a folder's index.html, nothing more) and Debian's nginx with the server
// block the README shows, both serving a copy of a build from a temp folder, on
// loopback ports, with every file they write kept in that temp folder.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {cp, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The file the README's nginx section shows verbatim. */
export const NGINX_BLOCK_FILE = fileURLToPath(new URL('./nginx-sub-path.conf', import.meta.url));

/** The machine-specific lines of the block; the e2e run replaces exactly these. */
export const NGINX_LISTEN_LINE = 'listen 80;';
export const NGINX_ROOT_LINE = 'root /srv/www;';
/** The security headers file the build writes, included from the published folder below `root`. */
export const NGINX_INCLUDE_PREFIX = 'include /srv/www/';

export function readNginxBlock() {
  return readFileSync(NGINX_BLOCK_FILE, 'utf8');
}

function replaceOnce(text, search, replacement) {
  const count = text.split(search).length - 1;
  if (count !== 1) throw new Error(`${NGINX_BLOCK_FILE} must contain "${search}" exactly once (found ${count})`);
  return text.replace(search, () => replacement);
}

/**
 * A whole nginx.conf around the README's block: only its listen and root lines and
 * the root in its include lines change (a loopback port, the temp folder); pid, logs
 * and temp paths stay in `tmp`, so nginx needs no root-owned default path.
 */
export function nginxConfig({block, port, root, tmp}) {
  let server = replaceOnce(block, NGINX_LISTEN_LINE, `listen 127.0.0.1:${port};`);
  server = replaceOnce(server, NGINX_ROOT_LINE, `root ${root};`);
  if (!server.includes(NGINX_INCLUDE_PREFIX)) throw new Error(`${NGINX_BLOCK_FILE} must include the build's security headers ("${NGINX_INCLUDE_PREFIX}…")`);
  server = server.replaceAll(NGINX_INCLUDE_PREFIX, () => `include ${root.replace(/\/+$/, '')}/`);
  return `# Written by scripts/hosting/hosts.mjs for one end-to-end run.
daemon off;
master_process off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events {
    worker_connections 256;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${tmp}/access.log;
    client_body_temp_path ${tmp}/client_body;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;

${server}
}
`;
}

/** nginx from NGINX_PATH, Debian's /usr/sbin/nginx, or the PATH; null when there is none. */
export function findNginx() {
  if (process.env.NGINX_PATH) return existsSync(process.env.NGINX_PATH) ? process.env.NGINX_PATH : null;
  if (existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  const which = spawnSync('sh', ['-c', 'command -v nginx'], {encoding: 'utf8'});
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export function findPython() {
  const which = spawnSync('sh', ['-c', 'command -v python3'], {encoding: 'utf8'});
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url, child, output) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output().trim()}`);
    try {
      await fetch(url, {redirect: 'manual'});
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`no answer from ${url} after 10 s: ${output().trim()}`);
}

/** Copies a build to `<tmp>/site<baseUrl>`, where a host serving `<tmp>/site` finds it at baseUrl. */
async function stageBuild(buildDir, baseUrl) {
  const tmp = await mkdtemp(join(tmpdir(), 'e2e-host-'));
  const site = join(tmp, 'site');
  await mkdir(join(site, baseUrl), {recursive: true});
  await cp(buildDir, join(site, baseUrl), {recursive: true});
  return {tmp, site};
}

function spawnServer(command, args, url, tmp) {
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const close = async () => {
    if (child.exitCode === null) {
      await new Promise((done) => {
        child.once('exit', done);
        // SIGQUIT: nginx's graceful stop; python stops on it too.
        child.kill('SIGQUIT');
      });
    }
    await rm(tmp, {recursive: true, force: true});
  };
  return {child, output: () => output, close, url};
}

/** `python3 -m http.server` serving a copy of the build under baseUrl. */
export async function startPythonHost({buildDir, baseUrl, python = findPython()}) {
  if (!python) throw new Error('python3 not found');
  const {tmp, site} = await stageBuild(buildDir, baseUrl);
  const port = await freePort();
  const server = spawnServer(python, ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', site], `http://127.0.0.1:${port}${baseUrl}`, tmp);
  await waitForHttp(server.url, server.child, server.output).catch(async (error) => {
    await server.close();
    throw error;
  });
  return server;
}

/** nginx with the README's server block, serving a copy of the build under baseUrl. */
export async function startNginxHost({buildDir, baseUrl, nginx = findNginx()}) {
  if (!nginx) throw new Error('nginx not found');
  const {tmp, site} = await stageBuild(buildDir, baseUrl);
  const port = await freePort();
  const conf = join(tmp, 'nginx.conf');
  await writeFile(conf, nginxConfig({block: readNginxBlock(), port, root: site, tmp}));
  const check = spawnSync(nginx, ['-t', '-q', '-p', `${tmp}/`, '-e', `${tmp}/error.log`, '-c', conf], {encoding: 'utf8'});
  if (check.status !== 0) {
    await rm(tmp, {recursive: true, force: true});
    throw new Error(`nginx -t rejected the configuration: ${check.stderr.trim()}`);
  }
  const server = spawnServer(nginx, ['-p', `${tmp}/`, '-e', `${tmp}/error.log`, '-c', conf], `http://127.0.0.1:${port}${baseUrl}`, tmp);
  await waitForHttp(server.url, server.child, server.output).catch(async (error) => {
    await server.close();
    throw error;
  });
  return server;
}
