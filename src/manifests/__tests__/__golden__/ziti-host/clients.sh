# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# A client identity for the machine you check from; existing identities only need the role attribute.
ziti edge create identity 'k8s-api-client' \
  --jwt-output-file "${ZITI_SECRETS_DIR}/k8s-api-client.jwt" \
  --role-attributes 'k8s-api-clients'

ziti edge create service-policy 'k8s-api-clients-dial' Dial \
  --service-roles '@k8s-api' \
  --identity-roles '#k8s-api-clients'

# Let edge routers carry these identities and services (skip a policy your network already has for them).
ziti edge create edge-router-policy 'k8s-api-clients-edge-routers' \
  --edge-router-roles '#all' \
  --identity-roles '#k8s-api-clients'

# Add ${ZITI_SECRETS_DIR}/k8s-api-client.jwt (the private folder this step printed) to the OpenZiti tunneler on the client machine (Ziti Desktop Edge, or ziti-edge-tunnel).
)
