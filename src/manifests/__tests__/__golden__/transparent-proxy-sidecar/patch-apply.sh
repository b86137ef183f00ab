# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# Preview the merged Deployment first; nothing changes on the cluster.
kubectl patch --namespace 'default' 'deployment/my-app' --type strategic --patch-file transparent-sidecar-patch.yaml --dry-run=server -o yaml
kubectl patch --namespace 'default' 'deployment/my-app' --type strategic --patch-file transparent-sidecar-patch.yaml
if ! kubectl rollout status --namespace 'default' 'deployment/my-app' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'default' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
)
