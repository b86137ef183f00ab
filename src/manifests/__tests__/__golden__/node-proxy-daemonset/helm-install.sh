# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
helm repo add openziti https://docs.openziti.io/helm-charts/
helm repo update
helm upgrade --install 'ziti-edge-tunnel' openziti/ziti-edge-tunnel \
  --version 1.5.0 \
  --namespace 'ziti' --create-namespace \
  --values ziti-edge-tunnel-values.yaml \
  --set-file zitiEnrollToken="${ZITI_SECRETS_DIR}/k8s-tunneler.jwt"
)
