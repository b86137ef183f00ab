# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
ziti edge create identity 'proxy-client' \
  --jwt-output-file "${ZITI_SECRETS_DIR}/proxy-client.jwt" \
  --role-attributes 'proxy-clients'

# Enroll on this workstation; the JSON holds the private key.
ziti edge enroll --jwt "${ZITI_SECRETS_DIR}/proxy-client.jwt" --out "${ZITI_SECRETS_DIR}/proxy-client.json"
)
