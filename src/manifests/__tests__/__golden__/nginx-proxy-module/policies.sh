# No host.v1 config: the module ignores it and forwards to the upstream in nginx.conf.
ziti edge create service 'k8s-api'
ziti edge create service-policy 'k8s-api-bind' Bind \
  --service-roles '@k8s-api' \
  --identity-roles '#nginx-hosts'
