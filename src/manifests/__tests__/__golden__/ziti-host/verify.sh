# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
helm status 'ziti-host' --namespace 'ziti'
kubectl get deployments,pods,pvc --namespace 'ziti'
ziti edge policy-advisor services 'k8s-api' -q

# When the identity certificate expires (about a year after enrollment).
kubectl exec --namespace 'ziti' 'deployment/ziti-host' -- cat '/ziti-edge-tunnel/ziti-host-identity.json' | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate
)
