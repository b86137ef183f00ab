# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
ziti edge create service-policy 'sidecar-clients-dial' Dial \
  --service-roles '@k8s-api' \
  --identity-roles '#sidecar-clients'

# Let edge routers carry these identities and services (skip a policy your network already has for them).
ziti edge create edge-router-policy 'sidecar-clients-edge-routers' \
  --edge-router-roles '#all' \
  --identity-roles '#sidecar-clients'
ziti edge create service-edge-router-policy 'sidecar-clients-service-edge-routers' \
  --edge-router-roles '#all' \
  --service-roles '@k8s-api'
)
