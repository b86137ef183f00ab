# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# Take out of Deployment billing-api only what the patch added; the workload itself stays.
if [ -n "$(kubectl --namespace 'payments' get 'deployment/billing-api' --ignore-not-found -o name)" ]; then
  # shellcheck disable=SC2016 # "$patch" is a directive of the strategic merge, not a shell variable.
  kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic -p '{"spec":{"template":{"spec":{"initContainers":[{"name":"ziti-tunnel","$patch":"delete"}],"volumes":[{"name":"ziti-identity","$patch":"delete"}]}}}}'
fi
kubectl --namespace 'payments' delete 'secret/proxy-client-identity' --ignore-not-found
# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.
ziti edge delete service-policy 'proxy-clients-dial'
ziti edge delete service-edge-router-policy 'proxy-clients-service-edge-routers'
ziti edge delete edge-router-policy 'proxy-clients-edge-routers'
ziti edge delete identity 'proxy-client'
rm -f "${ZITI_SECRETS_DIR}/proxy-client.jwt" "${ZITI_SECRETS_DIR}/proxy-client.json"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
