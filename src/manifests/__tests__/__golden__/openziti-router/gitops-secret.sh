# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
kubectl create namespace 'ziti' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'router1-enrollment' \
  --namespace 'ziti' \
  --from-file="enrollmentJwt=${ZITI_SECRETS_DIR}/router1.jwt"
rm -f "${ZITI_SECRETS_DIR}/router1.jwt"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
