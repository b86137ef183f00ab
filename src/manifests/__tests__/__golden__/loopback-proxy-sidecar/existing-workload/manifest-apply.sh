# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# Preview the merged workload first; nothing changes on the cluster.
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file loopback-sidecar-patch.yaml --dry-run=server -o yaml
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file loopback-sidecar-patch.yaml
if ! kubectl rollout status --namespace 'payments' 'deployment/billing-api' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'payments' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
)
