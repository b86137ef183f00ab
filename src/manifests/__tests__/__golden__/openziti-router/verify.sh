# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl get pods,services,pvc --namespace 'ziti'
ziti edge list edge-routers 'name="router1"'
ziti edge policy-advisor services 'k8s-api' -q

# When the router certificate expires; the router renews it before then (ZITI_AUTO_RENEW_CERTS).
kubectl exec --namespace 'ziti' 'deployment/ziti-router' -- cat '/etc/ziti/config/ziti-router.cert' | openssl x509 -noout -enddate
)
