# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# This CoreDNS must import coredns-custom *.server keys (k3s and AKS do); otherwise use the Corefile option.
kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' | grep 'import .*custom/\*\.server' \
  || echo 'This CoreDNS does not import coredns-custom; choose the Corefile option instead.' >&2
kubectl apply --server-side --field-manager=openziti-guide -f coredns-custom.yaml
kubectl -n kube-system rollout restart deployment/coredns
if ! kubectl rollout status --namespace kube-system deployment/coredns --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace kube-system --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
)
