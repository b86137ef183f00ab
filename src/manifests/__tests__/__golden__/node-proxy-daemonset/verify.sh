# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
if ! kubectl rollout status --namespace 'ziti' 'daemonset/ziti-edge-tunnel' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'ziti' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
kubectl logs --namespace 'ziti' 'daemonset/ziti-edge-tunnel' --tail 50
# Pods stuck with "hostPath type check failed": the node has no D-Bus socket at that path; turn the socket mount off.
ziti edge policy-advisor services 'k8s-api' -q
# Cluster DNS holds the forward:
kubectl -n kube-system get configmap coredns-custom -o jsonpath='{.data.ziti\.server}'
# Look up each intercept name from a throw-away pod; expect an address in 100.64.0.0/10.
kubectl run ziti-dns-check --rm -i --restart=Never --image=docker.io/library/busybox:1.37 -- nslookup 'k8s-api.ziti'
# Expiry date of the identity certificate (needs jq in the pod, openssl here):
kubectl exec --namespace 'ziti' 'daemonset/ziti-edge-tunnel' -- jq -r .id.cert '/ziti-edge-tunnel/ziti-edge-tunnel-identity.json' \
  | sed 's/^pem://' | openssl x509 -noout -enddate
)
