# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
ziti edge delete service-policy 'k8s-api-clients-dial'
ziti edge delete edge-router-policy 'k8s-api-clients-edge-routers'
ziti edge delete identity 'k8s-api-client'
rm -f "${ZITI_SECRETS_DIR}/k8s-api-client.jwt"
rm -f 'k8s-api.ziti.kubeconfig'
kubectl delete --namespace 'default' 'deployment/nginx-ziti' 'configmap/nginx-ziti-conf' --ignore-not-found
kubectl delete --namespace 'default' 'secret/nginx-ziti-identity' --ignore-not-found
ziti edge delete service-policy 'k8s-api-bind'
ziti edge delete service-edge-router-policy 'nginx-hosts-service-edge-routers'
ziti edge delete edge-router-policy 'nginx-hosts-edge-routers'
ziti edge delete service 'k8s-api'
ziti edge delete config 'k8s-api-intercept-v1'
ziti edge delete identity 'nginx-ziti'
rm -f "${ZITI_SECRETS_DIR}/nginx-ziti.jwt" "${ZITI_SECRETS_DIR}/nginx-ziti.json"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
