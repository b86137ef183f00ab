'use strict';
/** `node main.cjs TOOL ARGS…`: one call of the fake kubectl, helm or ziti as its own process. */
const TOOLS = {
  kubectl: () => require('./kubectl.cjs'),
  helm: () => require('./helm.cjs'),
  ziti: () => require('./ziti.cjs'),
};

function toolMain(tool) {
  const load = TOOLS[tool];
  if (!load) throw new Error(`fake: no tool named ${tool}`);
  return load().main;
}

if (require.main === module) toolMain(process.argv[2])(process.argv.slice(3));

module.exports = {toolMain};
