'use strict';
/**
 * Splits a command line the way cobra does for the flags we know: `--flag value`,
 * `--flag=value`, `-n value`, boolean flags, and `--` (the rest belongs to a
 * command run in a container). A flag the tool does not know is an error, so a
 * script that grows a new flag shows up as a gap in the fake, not a silent pass.
 */
function parseArgs(argv, {valueFlags, boolFlags, aliases = {}}) {
  const flags = {};
  const positionals = [];
  let rest = null;
  const unknown = [];
  const add = (name, value) => {
    const key = aliases[name] ?? name;
    if (flags[key] === undefined) flags[key] = value;
    else flags[key] = [].concat(flags[key], value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      const key = aliases[name] ?? name;
      if (valueFlags.has(key)) {
        if (eq !== -1) add(key, arg.slice(eq + 1));
        else if (i + 1 < argv.length) add(key, argv[++i]);
        else unknown.push(`${arg} needs a value`);
      } else if (boolFlags.has(key)) {
        add(key, eq === -1 ? 'true' : arg.slice(eq + 1));
      } else {
        unknown.push(arg);
      }
      continue;
    }
    positionals.push(arg);
  }
  return {flags, positionals, rest, unknown};
}

/** The last value of a flag given more than once (what cobra keeps for a string flag). */
function last(value) {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function all(value) {
  return value === undefined ? [] : [].concat(value);
}

function isTrue(value) {
  return value !== undefined && last(value) !== 'false';
}

module.exports = {parseArgs, last, all, isTrue};
