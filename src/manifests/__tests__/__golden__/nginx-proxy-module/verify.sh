# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
kubectl logs --namespace 'default' 'deployment/nginx-ziti' --tail 50
ziti edge policy-advisor services 'k8s-api' -q

# When the identity certificate expires (about a year after enrollment); re-enroll and replace the Secret before then.
kubectl get secret --namespace 'default' 'nginx-ziti-identity' -o 'go-template={{index .data "nginx-ziti-identity"}}' | base64 -d | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate
)
