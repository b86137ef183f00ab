# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
helm status 'ziti-host' --namespace 'ziti'
if ! kubectl rollout status --namespace 'ziti' 'deployment/ziti-host' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'ziti' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
kubectl get deployments,pods,pvc --namespace 'ziti'
ziti edge policy-advisor services 'k8s-api' -q

# When the identity certificate expires (about a year after enrollment).
kubectl exec --namespace 'ziti' 'deployment/ziti-host' -- cat '/ziti-edge-tunnel/ziti-host-identity.json' | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate
)
