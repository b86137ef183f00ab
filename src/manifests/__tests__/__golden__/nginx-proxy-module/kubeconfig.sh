# A kubeconfig whose server is the intercept address. Run this where kubectl reaches the cluster today:
# it copies the current context (user and credentials included, so keep the file private).
mkdir -p "${HOME}/.kube"
(umask 077 && kubectl config view --minify --flatten > "${HOME}/.kube/"'k8s-api.ziti.kubeconfig')
CA_FILE="$(mktemp)"
kubectl get configmap kube-root-ca.crt --namespace 'default' -o jsonpath='{.data.ca\.crt}' > "${CA_FILE}"
kubectl config set-cluster "$(kubectl config view --kubeconfig "${HOME}/.kube/"'k8s-api.ziti.kubeconfig' -o jsonpath='{.clusters[0].name}')" \
  --kubeconfig "${HOME}/.kube/"'k8s-api.ziti.kubeconfig' \
  --server 'https://k8s-api.ziti:443' \
  --tls-server-name 'kubernetes.default.svc' \
  --certificate-authority "${CA_FILE}" --embed-certs \
  --insecure-skip-tls-verify=false
rm -f "${CA_FILE}"
