'use strict';
/**
 * `node server.cjs PORT_FILE`: answers the fake kubectl, helm and ziti calls of one test process on
 * 127.0.0.1 (see lib/client.bash for the wire format), writing the port it listens on to PORT_FILE.
 * It ends when its stdin closes, that is when the test process that started it ends.
 *
 * Calls run one at a time, each to the end before the next is read, in this one process: the tools
 * are synchronous, so each call gets the process's folder, environment, exit and output for itself.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const {io} = require('./lib/state.cjs');
const {toolMain} = require('./lib/main.cjs');

class Exit {
  constructor(code) {
    this.code = code;
  }
}

/** Thrown by a call that reads stdin before the client has sent it; the client is asked, and the call runs again. */
class NeedStdin {}

/** Splits the request's NUL-separated fields; null until the whole request (through the empty field that ends the environment) is in. */
function parseRequest(buffer) {
  const fields = [];
  let start = 0;
  const next = () => {
    const end = buffer.indexOf(0, start);
    if (end < 0) return null;
    const field = buffer.subarray(start, end).toString('utf8');
    start = end + 1;
    return field;
  };
  const header = [];
  for (let i = 0; i < 5; i += 1) {
    const field = next();
    if (field === null) return null;
    header.push(field);
  }
  const [marker, tool, cwd, tty, count] = header;
  if (marker !== 'FAKE1') throw new Error(`fake server: not a request (${JSON.stringify(marker)})`);
  for (let i = 0; i < Number(count); i += 1) {
    const field = next();
    if (field === null) return null;
    fields.push(field);
  }
  const env = {};
  for (;;) {
    const entry = next();
    if (entry === null) return null;
    if (entry === '') break;
    const equals = entry.indexOf('=');
    env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return {request: {tool, cwd, stdinIsTerminal: tty === '1', args: fields, env}, rest: buffer.subarray(start)};
}

/** Runs one call with the process's globals pointed at it; returns its output records and exit status, or NeedStdin. */
function runCall(request, stdin) {
  const records = [];
  const record = (kind, chunk) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const lastRecord = records[records.length - 1];
    if (lastRecord && lastRecord.kind === kind) lastRecord.text += text;
    else records.push({kind, text});
    return true;
  };
  const saved = {exit: process.exit, out: process.stdout.write, err: process.stderr.write, env: process.env, cwd: process.cwd()};
  const heldCalls = [];
  let code = 0;
  let needStdin = false;
  process.env = request.env;
  process.exit = (exitCode) => {
    throw new Exit(exitCode ?? 0);
  };
  process.stdout.write = (chunk) => record('O', chunk);
  process.stderr.write = (chunk) => record('E', chunk);
  io.stdinIsPipe = () => !request.stdinIsTerminal;
  io.readStdin = () => {
    if (stdin === undefined) {
      if (io.changes > 0) throw new Error('fake server: a call read stdin after it had changed the state; it cannot be run again');
      throw new NeedStdin();
    }
    return stdin;
  };
  io.appendCall = (file, line) => heldCalls.push({file, line});
  io.changes = 0;
  try {
    process.chdir(request.cwd);
    toolMain(request.tool)(request.args);
  } catch (error) {
    if (error instanceof Exit) code = error.code;
    else if (error instanceof NeedStdin) needStdin = true;
    else {
      // What Node prints for an uncaught error, with its exit status.
      record('E', `${error && error.stack ? error.stack : String(error)}\n`);
      code = 1;
    }
  } finally {
    process.exit = saved.exit;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.env = saved.env;
    process.chdir(saved.cwd);
  }
  if (needStdin) return null;
  for (const {file, line} of heldCalls) {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.appendFileSync(file, line);
  }
  return {records, code};
}

/**
 * The answer's records (client.bash plays them back): `O <bytes>` or `E <bytes>` then that many bytes of
 * text as it is, which bash reads without starting a process; text with a NUL byte, which a bash variable
 * cannot hold, goes as one base64 line instead (`o` or `e`, decoded by base64). Then `X <status>`.
 */
function answer(socket, result) {
  const parts = [];
  for (const {kind, text} of result.records) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) continue;
    if (bytes.includes(0)) parts.push(Buffer.from(`${kind.toLowerCase()} ${bytes.toString('base64')}\n`));
    else parts.push(Buffer.from(`${kind} ${bytes.length}\n`), bytes);
  }
  parts.push(Buffer.from(`X ${result.code}\n`));
  socket.end(Buffer.concat(parts));
}

function serve(socket) {
  let buffer = Buffer.alloc(0);
  let request = null;
  socket.on('error', () => {
    // The client went away (its script was killed): nothing to answer.
  });
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (request === null) {
      const parsed = parseRequest(buffer);
      if (parsed === null) return;
      request = parsed.request;
      buffer = parsed.rest;
      const result = runCall(request, undefined);
      if (result) answer(socket, result);
      else socket.write('I\n');
      return;
    }
    const newline = buffer.indexOf(10);
    if (newline < 0) return;
    const stdin = Buffer.from(buffer.subarray(0, newline).toString('latin1'), 'base64').toString('utf8');
    answer(socket, runCall(request, stdin));
  });
}

const portFile = process.argv[2];
if (!portFile) {
  process.stderr.write('usage: node server.cjs PORT_FILE\n');
  process.exit(2);
}
const server = net.createServer(serve);
server.listen(0, '127.0.0.1', () => {
  const {port} = server.address();
  fs.writeFileSync(`${portFile}.tmp`, String(port));
  fs.renameSync(`${portFile}.tmp`, portFile);
});
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
