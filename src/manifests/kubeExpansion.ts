/**
 * Kubernetes rewrites a container's `command`, `args` and `env[].value` before
 * the process sees them: `$(NAME)` becomes the value of the variable NAME when
 * the container defines it, and `$$` becomes `$`
 * (kubernetes/kubernetes third_party/forked/golang/expansion/expand.go: a `$`
 * followed by `$` yields one `$`; by `(`, a reference up to the next `)`;
 * by anything else, the `$` and that character as they are).
 *
 * Every reader value that lands in one of those fields goes through
 * {@link kubernetesLiteral}, so the pod runs exactly the text on the page.
 */

/**
 * Doubles every `$`. Each `$$` then reads as one escaped `$`, so no `$(…)`
 * reference and no `$$` pair is left for the kubelet to rewrite, whatever the
 * reader typed (including a trailing `$`).
 */
export function kubernetesLiteral(value: string): string {
  return value.replaceAll('$', '$$$$');
}
