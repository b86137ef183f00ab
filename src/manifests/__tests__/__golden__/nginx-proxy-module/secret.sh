# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
kubectl create namespace 'default' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'nginx-ziti-identity' \
  --namespace 'default' \
  --from-file="nginx-ziti-identity=${ZITI_SECRETS_DIR}/nginx-ziti.json"
# The Secret now holds the key; remove the local copies.
rm -f "${ZITI_SECRETS_DIR}/nginx-ziti.jwt" "${ZITI_SECRETS_DIR}/nginx-ziti.json"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
