# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# A kubeconfig whose server is the intercept address. Run this where kubectl reaches the cluster today:
# it copies the current context (user and credentials included, so keep the file private).
touch 'k8s-api.ziti.kubeconfig' && chmod 600 'k8s-api.ziti.kubeconfig'
kubectl config view --minify --flatten > 'k8s-api.ziti.kubeconfig'
kubectl get configmap kube-root-ca.crt --namespace 'ziti' -o jsonpath='{.data.ca\.crt}' > 'k8s-api.ziti-ca.crt'
kubectl config set-cluster "$(kubectl config view --kubeconfig 'k8s-api.ziti.kubeconfig' -o jsonpath='{.clusters[0].name}')" \
  --kubeconfig 'k8s-api.ziti.kubeconfig' \
  --server 'https://k8s-api.ziti:443' \
  --tls-server-name 'kubernetes.default.svc' \
  --certificate-authority 'k8s-api.ziti-ca.crt' --embed-certs \
  --insecure-skip-tls-verify=false
rm -f 'k8s-api.ziti-ca.crt'
)
