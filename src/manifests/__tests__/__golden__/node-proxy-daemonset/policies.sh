# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
ziti edge create service-policy 'k8s-tunnelers-dial' Dial \
  --service-roles '@k8s-api' \
  --identity-roles '#k8s-tunnelers'

# Let edge routers carry these identities and services (skip a policy your network already has for them).
ziti edge create edge-router-policy 'k8s-tunnelers-edge-routers' \
  --edge-router-roles '#all' \
  --identity-roles '#k8s-tunnelers'
ziti edge create service-edge-router-policy 'k8s-tunnelers-service-edge-routers' \
  --edge-router-roles '#all' \
  --service-roles '@k8s-api'
)
