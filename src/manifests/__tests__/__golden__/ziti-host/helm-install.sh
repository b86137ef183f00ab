# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
helm repo add openziti https://docs.openziti.io/helm-charts/
helm repo update
helm upgrade --install 'ziti-host' openziti/ziti-host \
  --version 1.4.0 \
  --namespace 'ziti' --create-namespace \
  --values ziti-host-values.yaml \
  --set-file zitiEnrollToken="${ZITI_SECRETS_DIR}/k8s-host.jwt"
)
