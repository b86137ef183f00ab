// Small helpers shared by the benchmark's parts.
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';

const started = Date.now();

/** Progress goes to stderr so stdout carries only the report. */
export function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Value at quantile q (0..1) of the samples, nearest-rank (the same rule as bench-builders.ts). */
export function quantile(samples, q) {
  const sorted = [...samples].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** Median; for an even count, the mean of the two middle values. */
export function median(samples) {
  const sorted = [...samples].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs a command; resolves to {code, stdout, stderr, ms}. Output is kept (the
 * caller decides whether to show it), never streamed, so the report stays clean.
 */
export function run(command, args, {cwd, env = {}, timeoutMs = 10 * 60_000} = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {cwd, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code: code ?? (signal ? 1 : 0), signal, stdout, stderr, ms: performance.now() - start});
    });
  });
}

/** A free TCP port on 127.0.0.1 (closed again at once; the bench binds it moments later). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export function kB(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : 'n/a';
}

export function ms(value, digits = 0) {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}
