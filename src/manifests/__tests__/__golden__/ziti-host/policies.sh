ziti edge create config 'k8s-api-host-v1' host.v1 '{"protocol":"tcp","address":"kubernetes.default.svc","port":443}'
ziti edge create service 'k8s-api' --configs 'k8s-api-host-v1'
ziti edge create service-policy 'k8s-api-bind' Bind \
  --service-roles '@k8s-api' \
  --identity-roles '#k8s-hosts'
