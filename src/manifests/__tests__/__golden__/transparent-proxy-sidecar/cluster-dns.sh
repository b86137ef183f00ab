# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# ClusterIP of cluster DNS; the manifest below must use it as the second nameserver.
cluster_dns_ip="$(kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}')"
if [ "$cluster_dns_ip" != '10.96.0.10' ]; then
  echo "Cluster DNS is at ${cluster_dns_ip:-no address (is there a kube-dns Service?)}, but the files below use 10.96.0.10." >&2
  echo 'Set "Cluster DNS IP" to the address above and copy the files again; nothing was changed.' >&2
  exit 1
fi
echo 'Cluster DNS is at 10.96.0.10, the address the files below use.'
)
