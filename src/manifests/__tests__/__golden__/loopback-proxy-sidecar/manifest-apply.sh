# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl apply -f loopback-sidecar.yaml
if ! kubectl rollout status --namespace 'default' 'deployment/my-app' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'default' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
)
