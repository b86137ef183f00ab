# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl get --namespace 'payments' 'deployment/billing-api'
kubectl logs --namespace 'payments' 'deployment/billing-api' --container ziti-tunnel --tail 50
# Expiry date of the identity certificate (needs jq and openssl on this workstation):
kubectl get secret 'sidecar-client-identity' --namespace 'payments' -o 'go-template={{index .data "sidecar-client.json"}}' \
  | base64 -d | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate
# The pod should list 127.0.0.1 first, then the cluster DNS IP:
kubectl exec --namespace 'payments' 'deployment/billing-api' -- cat /etc/resolv.conf
ziti edge policy-advisor services 'k8s-api' -q
# From the application container (busybox tools; use a client your image has if it differs).
# A looked-up name should answer with an address in 100.64.0.0/10, the sidecar's range.
kubectl exec --namespace 'payments' 'deployment/billing-api' -- nslookup 'k8s-api.ziti'
# An HTTP request through the sidecar; for a service that is not HTTP, expect a protocol error after the connection opens.
kubectl exec --namespace 'payments' 'deployment/billing-api' -- wget -S -O /dev/null -T 10 'http://k8s-api.ziti:443/'
)
