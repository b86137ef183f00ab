// Built by the server only: with JavaScript on, the browser renders none of it (src/plugins/buildTime.ts).
export {default} from '@build-time/NoScriptOutcomes';
