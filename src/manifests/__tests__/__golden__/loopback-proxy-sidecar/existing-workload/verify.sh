# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl get --namespace 'payments' 'deployment/billing-api'
kubectl logs --namespace 'payments' 'deployment/billing-api' --container ziti-tunnel --tail 50
# Expiry date of the identity certificate (needs jq and openssl on this workstation):
kubectl get secret 'proxy-client-identity' --namespace 'payments' -o 'go-template={{index .data "proxy-client.json"}}' \
  | base64 -d | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate
ziti edge policy-advisor services 'k8s-api' -q
# From the application container (busybox wget): an HTTP request to each local TCP port; a service that is
# not HTTP shows the connection opening, then a protocol error.
kubectl exec --namespace 'payments' 'deployment/billing-api' -- wget -S -O /dev/null -T 10 'http://127.0.0.1:8443/'
# Optional, by hand (it runs until Ctrl-C): reach the first TCP binding from this workstation, then
# connect to 127.0.0.1 on that port:
#   kubectl port-forward --namespace 'payments' 'deployment/billing-api' '8443:8443'
)
