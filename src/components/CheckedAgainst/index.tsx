// Fixed at build time: the browser keeps the server's markup (src/plugins/buildTime.ts).
export {default} from '@build-time/CheckedAgainst';
export type {CheckedAgainstProps} from '@build-time/CheckedAgainst';
