# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# The token cannot go into git: enroll it here; the JSON holds the private key.
ziti edge enroll --jwt "${ZITI_SECRETS_DIR}/k8s-host.jwt" --out "${ZITI_SECRETS_DIR}/k8s-host.json"
kubectl create namespace 'ziti' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'k8s-host-identity' \
  --namespace 'ziti' \
  --from-file="persisted-identity=${ZITI_SECRETS_DIR}/k8s-host.json"
# The Secret now holds the key; remove the local copies.
rm -f "${ZITI_SECRETS_DIR}/k8s-host.jwt" "${ZITI_SECRETS_DIR}/k8s-host.json"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
