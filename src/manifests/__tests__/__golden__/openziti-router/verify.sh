# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
if ! kubectl rollout status --namespace 'ziti' 'deployment/hosting-router' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'ziti' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
kubectl get pods,services,pvc --namespace 'ziti'
ziti edge list edge-routers 'name="router1"'
ziti edge policy-advisor services 'k8s-api' -q

# When the router certificate expires; the router renews it by itself about a week before then.
kubectl exec --namespace 'ziti' 'deployment/hosting-router' -- cat '/etc/ziti/config/hosting-router.cert' | openssl x509 -noout -enddate
)
