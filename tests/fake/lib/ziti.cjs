'use strict';
/** The fake ziti CLI: the controller's entities in $FAKE_STATE/ziti, a login state, enrollment. */
const fs = require('node:fs');
const path = require('node:path');
const {parseArgs, last, all, isTrue} = require('./args.cjs');
const {statePath, readJson, writeJson, removeFile, listJson, logCall, fail, notImplemented, fakeId, out} = require('./state.cjs');
const {FAKE_CA} = require('./kube.cjs');

const VALUE_FLAGS = new Set([
  '--jwt-output-file', '--role-attributes', '--configs', '--service-roles', '--identity-roles', '--edge-router-roles', '--semantic',
  '--posture-check-roles', '--out', '--jwt', '--username', '--password', '--token', '--encryption', '--cost', '--output', '--ca',
  '--tunneler-enabled', '--terminator-strategy', '--app-data',
]);
const BOOL_FLAGS = new Set(['--output-json', '--quiet', '--yes', '--csv', '--admin', '--no-traversal', '--verbose', '--ignore-not-found']);
const ALIASES = {
  '-j': '--output-json', '-q': '--quiet', '-y': '--yes', '-a': '--role-attributes', '-c': '--configs', '-s': '--semantic',
  '-u': '--username', '-p': '--password', '-o': '--output', '-t': '--tunneler-enabled', '-v': '--verbose',
};

/** CLI names (singular, plural, short) -> stored plural. */
const TYPES = {
  identity: 'identities', identities: 'identities',
  'edge-router': 'edge-routers', 'edge-routers': 'edge-routers', er: 'edge-routers', ers: 'edge-routers',
  service: 'services', services: 'services',
  config: 'configs', configs: 'configs',
  'service-policy': 'service-policies', 'service-policies': 'service-policies', sp: 'service-policies', sps: 'service-policies',
  'edge-router-policy': 'edge-router-policies', 'edge-router-policies': 'edge-router-policies', erp: 'edge-router-policies', erps: 'edge-router-policies',
  'service-edge-router-policy': 'service-edge-router-policies', 'service-edge-router-policies': 'service-edge-router-policies',
  serp: 'service-edge-router-policies', serps: 'service-edge-router-policies',
};
const SINGULAR = {
  identities: 'identity', 'edge-routers': 'edge-router', services: 'service', configs: 'config',
  'service-policies': 'service-policy', 'edge-router-policies': 'edge-router-policy', 'service-edge-router-policies': 'service-edge-router-policy',
};
const CONFIG_TYPES = new Set(['intercept.v1', 'host.v1', 'host.v2', 'ziti-tunneler-client.v1', 'ziti-tunneler-server.v1']);

function main(argv) {
  logCall('ziti', argv);
  // `-t` is a boolean on `create edge-router`; the value-flag table only matters for `--tunneler-enabled=false`.
  const normalized = argv.map((a) => (a === '-t' || a === '--tunneler-enabled' ? '--tunneler-enabled=true' : a));
  const parsed = parseArgs(normalized, {valueFlags: VALUE_FLAGS, boolFlags: BOOL_FLAGS, aliases: ALIASES});
  if (parsed.unknown.length > 0) notImplemented('ziti', argv, `flags ${parsed.unknown.join(' ')}`);
  const ctx = {argv, ...parsed};
  const [group, action] = parsed.positionals;
  if (group === 'version' || (group === undefined && argv.includes('--version'))) return out('v1.6.0 (fake)');
  if (group !== 'edge') notImplemented('ziti', argv);
  if (action === 'login') return login(ctx);
  if (action === 'logout') {
    writeJson(statePath('ziti', 'session.json'), {loggedIn: false});
    return out('logout successful');
  }
  if (action === 'enroll') return enroll(ctx);
  requireSession();
  if (action === 'create') return create(ctx);
  if (action === 'update') return update(ctx);
  if (action === 'delete') return del(ctx);
  if (action === 'list' || action === 'ls') return list(ctx);
  if (action === 'policy-advisor') return policyAdvisor(ctx);
  notImplemented('ziti', argv);
}

function requireSession() {
  const session = readJson(statePath('ziti', 'session.json'), {loggedIn: false});
  // Wording of the fake's own; the point is a non-zero exit before any change.
  if (!session.loggedIn) fail('error: not logged in to a controller (no session in ziti-cli.json); run ziti edge login first');
}

function login(ctx) {
  const controller = ctx.positionals[2];
  if (!controller) fail('error: controller URL required');
  writeJson(statePath('ziti', 'session.json'), {loggedIn: true, controller});
  out(`Token: (fake)\nSaving identity 'default' to ziti-cli.json`);
}

/* ---------------- entities ---------------- */

function entityFile(type, name) {
  return statePath('ziti', type, `${encodeURIComponent(name)}.json`);
}

function getEntity(type, name) {
  return readJson(entityFile(type, name), null);
}

function putEntity(type, entity) {
  writeJson(entityFile(type, entity.name), entity);
}

function typeOf(ctx, word) {
  const type = TYPES[word];
  if (!type) notImplemented('ziti', ctx.argv, `entity type ${word}`);
  return type;
}

function csv(value) {
  return all(value).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function alreadyExists(type, name) {
  fail(`error: error creating ${type} instance in Edge Controller: The supplied request contains an invalid document: name is must be unique (value: ${name})`);
}

function fakeJwt(identity) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({alg: 'ES256', typ: 'JWT'})}.${encode({iss: 'https://ctrl.example.test:443', sub: identity.id, em: identity.type === 'Router' ? 'erott' : 'ott', name: identity.name})}.ZmFrZQ`;
}

function writeJwt(file, entity) {
  if (!file) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), {recursive: true});
  fs.writeFileSync(file, fakeJwt(entity));
}

function create(ctx) {
  const [, , word, ...rest] = ctx.positionals;
  const type = typeOf(ctx, word);
  // `ziti edge create identity device NAME` (older CLIs) and `… identity NAME`.
  const args = type === 'identities' && ['device', 'user', 'service'].includes(rest[0]) && rest.length > 1 ? rest.slice(1) : rest;
  const name = args[0];
  if (!name) fail(`Error: accepts 1 arg(s), received 0`);
  if (getEntity(type, name)) alreadyExists(type, name);
  const id = fakeId(`${type}/${name}`);
  const jwtFile = last(ctx.flags['--jwt-output-file']) ?? last(ctx.flags['--output']);
  const roleAttributes = csv(ctx.flags['--role-attributes']);
  if (type === 'identities') {
    const identity = {id, name, type: 'Device', roleAttributes, enrolled: false};
    putEntity(type, identity);
    writeJwt(jwtFile, identity);
    return out(`New identity ${name} created with id: ${id}`);
  }
  if (type === 'edge-routers') {
    const tunneler = isTrue(ctx.flags['--tunneler-enabled']);
    const router = {id, name, roleAttributes, isTunnelerEnabled: tunneler, enrolled: false};
    putEntity(type, router);
    if (tunneler) putEntity('identities', {id, name, type: 'Router', roleAttributes: [], enrolled: false});
    writeJwt(jwtFile, {...router, type: 'Router'});
    return out(`New edge router ${name} created with id: ${id}`);
  }
  if (type === 'configs') {
    const [, configType, data] = args;
    if (!CONFIG_TYPES.has(configType)) fail(`error: no config-types found with id or name ${configType}`);
    try {
      JSON.parse(data);
    } catch {
      fail(`error: unable to parse data as json: ${data}`);
    }
    putEntity(type, {id, name, configType, data: JSON.parse(data)});
    return out(`New config ${name} created with id: ${id}`);
  }
  if (type === 'services') {
    const configs = csv(ctx.flags['--configs']);
    for (const config of configs) {
      if (!getEntity('configs', config)) {
        out(`Found 0 configs with id or name matching ${config}`);
        fail(`error: no configs with id or name matching ${config}`);
      }
    }
    putEntity(type, {id, name, configs, roleAttributes});
    return out(`New service ${name} created with id: ${id}`);
  }
  if (type === 'service-policies') {
    const policyType = args[1];
    if (policyType !== 'Dial' && policyType !== 'Bind') fail(`error: Invalid policy type '${policyType}'. Valid values: [Bind, Dial]`);
    putEntity(type, {id, name, type: policyType, serviceRoles: csv(ctx.flags['--service-roles']), identityRoles: csv(ctx.flags['--identity-roles']), semantic: last(ctx.flags['--semantic']) ?? 'AllOf'});
    return out(`New service policy ${name} created with id: ${id}`);
  }
  if (type === 'edge-router-policies') {
    putEntity(type, {id, name, edgeRouterRoles: csv(ctx.flags['--edge-router-roles']), identityRoles: csv(ctx.flags['--identity-roles']), semantic: last(ctx.flags['--semantic']) ?? 'AllOf'});
    return out(`New edge router policy ${name} created with id: ${id}`);
  }
  if (type === 'service-edge-router-policies') {
    putEntity(type, {id, name, edgeRouterRoles: csv(ctx.flags['--edge-router-roles']), serviceRoles: csv(ctx.flags['--service-roles']), semantic: last(ctx.flags['--semantic']) ?? 'AllOf'});
    return out(`New service edge router policy ${name} created with id: ${id}`);
  }
  notImplemented('ziti', ctx.argv);
}

function update(ctx) {
  const [, , word, name] = ctx.positionals;
  const type = typeOf(ctx, word);
  const entity = getEntity(type, name);
  if (!entity) fail(`error: no ${type} found with id or name ${name}`);
  if (ctx.flags['--role-attributes'] !== undefined) entity.roleAttributes = csv(ctx.flags['--role-attributes']);
  if (type === 'edge-routers' && ctx.flags['--tunneler-enabled'] !== undefined) {
    entity.isTunnelerEnabled = isTrue(ctx.flags['--tunneler-enabled']);
    if (entity.isTunnelerEnabled && !getEntity('identities', name)) putEntity('identities', {id: entity.id, name, type: 'Router', roleAttributes: [], enrolled: entity.enrolled});
  }
  if (type === 'services' && ctx.flags['--configs'] !== undefined) entity.configs = csv(ctx.flags['--configs']);
  const known = new Set(['--role-attributes', '--tunneler-enabled', '--configs']);
  const extra = Object.keys(ctx.flags).filter((f) => !known.has(f));
  if (extra.length > 0) notImplemented('ziti', ctx.argv, `update flags ${extra.join(' ')}`);
  putEntity(type, entity);
}

/** As ziti does today (mapNamesToIDs with skipNotFound): a missing name prints "Found 0 …" and is not an error. */
function del(ctx) {
  const [, , word, ...names] = ctx.positionals;
  if (names[0] === 'where') notImplemented('ziti', ctx.argv);
  const type = typeOf(ctx, word);
  if (names.length === 0) fail('Error: requires at least 1 arg(s), only received 0');
  for (const name of names) {
    const entity = getEntity(type, name);
    if (!entity) {
      out(`Found 0 ${type} with id or name matching ${name}`);
      continue;
    }
    removeFile(entityFile(type, name));
    // The controller removes a router's tunneler identity with the router.
    if (type === 'edge-routers') {
      const identity = getEntity('identities', name);
      if (identity && identity.type === 'Router') removeFile(entityFile('identities', name));
    }
    out(`delete of ${SINGULAR[type]} with id ${entity.id}: OK`);
  }
}

/** The filters the scripts use: `name="x"`, `true`, `limit n`, `anyOf(roleAttributes)="x"`. */
function filterEntities(entities, filter, ctx) {
  if (!filter) return entities;
  let text = filter.trim().replace(/\s+limit\s+\d+\s*$/i, '').replace(/^limit\s+\d+$/i, 'true');
  if (text === '' || text === 'true') return entities;
  let m = /^name\s*=\s*"([^"]*)"$/.exec(text);
  if (m) return entities.filter((e) => e.name === m[1]);
  m = /^anyOf\(roleAttributes\)\s*=\s*"([^"]*)"$/.exec(text);
  if (m) return entities.filter((e) => (e.roleAttributes ?? []).includes(m[1]));
  notImplemented('ziti', ctx.argv, `filter ${filter}`);
  return entities;
}

function list(ctx) {
  const [, , word, filter] = ctx.positionals;
  const type = typeOf(ctx, word);
  const entities = filterEntities(listJson(statePath('ziti', type)), filter, ctx);
  if (isTrue(ctx.flags['--output-json'])) {
    return out(JSON.stringify({data: entities, meta: {pagination: {limit: 10, offset: 0, totalCount: entities.length}}}, null, 2));
  }
  const rows = entities.map((e) => `│ ${e.id} │ ${e.name} │ ${(e.roleAttributes ?? []).join(',')} │`);
  out([`╭─ ID ─┬─ NAME ─┬─ ROLE ATTRIBUTES ─╮`, ...rows, '╰──────┴────────┴───────────────────╯', `results: ${entities.length === 0 ? 'none' : `1-${entities.length} of ${entities.length}`}`].join('\n'));
}

function matches(roles, entity) {
  return roles.some((role) => role === '#all' || role === `@${entity.name}` || role === `@${entity.id}` || (role.startsWith('#') && (entity.roleAttributes ?? []).includes(role.slice(1))));
}

function policyAdvisor(ctx) {
  const [, , what, name] = ctx.positionals;
  if (what !== 'services' && what !== 'identities') notImplemented('ziti', ctx.argv);
  const subjectType = what === 'services' ? 'services' : 'identities';
  const subject = getEntity(subjectType, name);
  if (!subject) fail(`error: no ${subjectType} found with id or name ${name}`);
  const policies = listJson(statePath('ziti', 'service-policies'));
  const identities = listJson(statePath('ziti', 'identities'));
  const services = listJson(statePath('ziti', 'services'));
  const pairs = what === 'services' ? identities.map((i) => [i, subject]) : services.map((s) => [subject, s]);
  let lines = 0;
  for (const [identity, service] of pairs) {
    const dial = policies.some((p) => p.type === 'Dial' && matches(p.identityRoles, identity) && matches(p.serviceRoles, service));
    const bind = policies.some((p) => p.type === 'Bind' && matches(p.identityRoles, identity) && matches(p.serviceRoles, service));
    if (!dial && !bind) continue;
    lines++;
    const status = identity.enrolled || identity.type === 'Router' ? 'OKAY ' : 'ERROR';
    out(`${status}: ${identity.name} (1) -> ${service.name} (1) Common Routers: (1/1) Dial: ${dial ? 'Y' : 'N'} Bind: ${bind ? 'Y' : 'N'}`);
  }
  if (lines === 0 && !isTrue(ctx.flags['--quiet'])) out(`${name}: no identities have access`);
}

/* ---------------- enroll ---------------- */

function enroll(ctx) {
  const jwtFile = last(ctx.flags['--jwt']) ?? ctx.positionals[2];
  const outFile = last(ctx.flags['--out']) ?? last(ctx.flags['--output']);
  if (!jwtFile) fail('error: the jwt file is required');
  if (!fs.existsSync(jwtFile)) fail(`error: failed to read JWT file ${jwtFile}: open ${jwtFile}: no such file or directory`);
  let claims;
  try {
    claims = JSON.parse(Buffer.from(fs.readFileSync(jwtFile, 'utf8').split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    fail(`error: failed to parse JWT: ${jwtFile}`);
  }
  const identity = listJson(statePath('ziti', 'identities')).find((i) => i.id === claims.sub);
  if (!identity) fail('error: enrollment failed: the enrollment token is not valid (its identity no longer exists)');
  if (identity.enrolled) fail('error: enrollment failed: the enrollment token has expired or was already used');
  identity.enrolled = true;
  putEntity('identities', identity);
  const file = outFile ?? jwtFile.replace(/\.jwt$/, '.json');
  fs.writeFileSync(file, JSON.stringify({ztAPI: 'https://ctrl.example.test:443', id: {cert: `pem:${FAKE_CA}`, key: 'pem:(fake key)', ca: `pem:${FAKE_CA}`}}));
  out(`enrolled successfully. identity file written to: ${file}`);
}

module.exports = {main, getEntity, TYPES};
