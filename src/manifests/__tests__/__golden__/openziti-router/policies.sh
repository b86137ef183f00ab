# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
ziti edge create config 'k8s-api-host-v1' host.v1 '{"protocol":"tcp","address":"kubernetes.default.svc","port":443}'
ziti edge create config 'k8s-api-intercept-v1' intercept.v1 '{"protocols":["tcp"],"addresses":["k8s-api.ziti"],"portRanges":[{"low":443,"high":443}]}'
ziti edge create service 'k8s-api' --configs 'k8s-api-host-v1,k8s-api-intercept-v1'
ziti edge create service-policy 'k8s-api-bind' Bind \
  --service-roles '@k8s-api' \
  --identity-roles '#router1-hosts'

# Let edge routers carry these identities and services (skip a policy your network already has for them).
ziti edge create service-edge-router-policy 'router1-hosts-service-edge-routers' \
  --edge-router-roles '#all' \
  --service-roles '@k8s-api'
)
