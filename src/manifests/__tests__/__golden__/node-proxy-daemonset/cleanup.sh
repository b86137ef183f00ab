# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# Installed with Argo CD or Flux? Delete the Application or HelmRelease from git instead of running helm uninstall.
ours=$(helm list --namespace 'ziti' --all --short --selector 'installed-by=openziti-k8s-guide.ziti-edge-tunnel')
if printf '%s\n' "$ours" | grep -x -F -- 'ziti-edge-tunnel' >/dev/null; then
  helm uninstall 'ziti-edge-tunnel' --namespace 'ziti'
else
  echo 'No release ziti-edge-tunnel installed by these steps in namespace ziti; nothing to uninstall.'
fi
# The Secret the Argo CD or Flux install reads, if you took that path:
kubectl delete secret 'k8s-tunneler-identity' --namespace 'ziti' --ignore-not-found
kubectl patch configmap coredns-custom -n kube-system --type merge -p '{"data":{"ziti.server":null}}'
kubectl -n kube-system rollout restart deployment/coredns
ziti edge delete service-policy 'k8s-tunnelers-dial'
ziti edge delete service-edge-router-policy 'k8s-tunnelers-service-edge-routers'
ziti edge delete edge-router-policy 'k8s-tunnelers-edge-routers'
ziti edge delete identity 'k8s-tunneler'
rm -f "${ZITI_SECRETS_DIR}/k8s-tunneler.jwt"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
