'use strict';
/**
 * The folder the fake kubectl, helm and ziti keep their objects in ($FAKE_STATE).
 * One JSON file per object, so a test (or a person) can read and seed them:
 *
 *   kube/<namespace or _cluster>/<kind>/<name>.json   Kubernetes objects
 *   kube/events.json                                  events (what `kubectl get events` prints)
 *   kubeconfig.json                                   the current context (`kubectl config`)
 *   helm/repositories.json                            [{name, url}]
 *   helm/releases/<namespace>/<name>.json             one Helm release
 *   ziti/session.json                                 {loggedIn, controller}
 *   ziti/<type>/<name>.json                           controller entities (identities, services, …)
 *   calls.jsonl                                       every invocation, one JSON line each
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * What a call reads from and records to outside its arguments. A call started as its own process
 * (bin/* without $FAKE_PORT) uses the process's; tests/fake/server.cjs, which answers many calls in
 * one process, puts each call's own stdin in here and holds back its calls.jsonl line until the call
 * has run (a call that asks for stdin the client has not sent yet is run again once it has).
 */
const io = {
  stdinIsPipe: () => !process.stdin.isTTY,
  readStdin: () => readProcessStdin(),
  appendCall(file, line) {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.appendFileSync(file, line);
  },
  /** State files written or removed so far: the server checks that none was before stdin was read. */
  changes: 0,
};

function stateDir() {
  const dir = process.env.FAKE_STATE;
  if (!dir) fail('fake: FAKE_STATE is not set; it names the folder the fake keeps its objects in', 2);
  return dir;
}

function statePath(...parts) {
  return path.join(stateDir(), ...parts);
}

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error && error.code === 'ENOENT') return fallback;
    throw error;
  }
}

/** Written through a temporary file and a rename, so a reader never sees half an object. */
function writeJson(file, value) {
  io.changes += 1;
  fs.mkdirSync(path.dirname(file), {recursive: true});
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function removeFile(file) {
  io.changes += 1;
  fs.rmSync(file, {force: true});
}

function listJson(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(path.join(dir, name), null))
    .filter((value) => value !== null);
}

function logCall(tool, args) {
  const line = JSON.stringify({tool, args, cwd: process.cwd(), stdinIsPipe: io.stdinIsPipe()});
  io.appendCall(statePath('calls.jsonl'), `${line}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
}

/** Exit 2 with the whole command, so a test sees exactly which gap a script ran into. */
function notImplemented(tool, args, detail) {
  fail(`fake ${tool} does not implement: ${tool} ${args.join(' ')}${detail ? ` (${detail})` : ''}`, 2);
}

/** All of stdin; a pipe whose writer has not written yet blocks here, as it does for the real tools. */
function readStdin() {
  return io.readStdin();
}

function readProcessStdin() {
  // A pipe whose writer has not written yet answers EAGAIN; reading it as empty made
  // `kubectl create … -o yaml | kubectl apply -f -` fail now and then (EPIPE in the writer).
  const chunks = [];
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let read;
    try {
      read = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if (error.code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (error.code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

// A reader that stops early (`| head`) closes the pipe; like the real tools, stop quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** A stable fake id from a name, so reruns give the same ids. */
function fakeId(name) {
  let hash = 2166136261;
  for (const c of name) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return hash.toString(36).padStart(7, '0').slice(0, 10);
}

function out(text) {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

module.exports = {io, stateDir, statePath, readJson, writeJson, removeFile, listJson, logCall, fail, notImplemented, readStdin, fakeId, out};
