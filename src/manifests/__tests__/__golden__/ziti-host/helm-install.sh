# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# Never upgrade a release these steps did not install (see the guide: upstream uses the same names).
ours=$(helm list --namespace 'ziti' --all --short --selector 'installed-by=openziti-k8s-guide.ziti-host')
if ! printf '%s\n' "$ours" | grep -x -F -- 'ziti-host' >/dev/null && helm status 'ziti-host' --namespace 'ziti' >/dev/null 2>&1; then
  echo 'Helm release ziti-host in namespace ziti exists and was not installed by these steps (it has no installed-by=openziti-k8s-guide.ziti-host label), so it is left as it is. Choose another release name or namespace in the form, or remove that release yourself if it is really unused.' >&2
  false
else
  helm upgrade --install 'ziti-host' ziti-host --repo https://docs.openziti.io/helm-charts/ \
    --version 1.4.0 \
    --namespace 'ziti' --create-namespace \
    --labels 'installed-by=openziti-k8s-guide.ziti-host' \
    --values ziti-host-values.yaml \
    --set-file zitiEnrollToken="${ZITI_SECRETS_DIR}/k8s-host.jwt"
fi
)
