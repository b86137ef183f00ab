# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# On the client machine, with its tunneler running k8s-api-client (or another identity with the client role).
# The API server answers "ok" through OpenZiti (copy the kubeconfig here first if it was written on another machine).
kubectl --kubeconfig 'k8s-api.ziti.kubeconfig' get --raw /readyz
)
