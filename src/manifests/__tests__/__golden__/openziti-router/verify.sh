# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl get pods,services,pvc --namespace 'ziti'
ziti edge list edge-routers 'name="router1"'
ziti edge policy-advisor services 'k8s-api' -q

# When the router certificate expires; the router renews it by itself about a week before then.
kubectl exec --namespace 'ziti' 'deployment/hosting-router' -- cat '/etc/ziti/config/hosting-router.cert' | openssl x509 -noout -enddate
)
