ziti edge create identity 'k8s-host' \
  --jwt-output-file '/tmp/k8s-host.jwt' \
  --role-attributes 'k8s-hosts'
