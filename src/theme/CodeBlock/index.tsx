// Build-time: the browser keeps the server's highlighted markup and loads Prism only to render new code.
export {default} from '@build-time/CodeBlock';
