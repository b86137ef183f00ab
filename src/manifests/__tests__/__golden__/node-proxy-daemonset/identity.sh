ziti edge create identity 'k8s-tunneler' \
  --jwt-output-file '/tmp/k8s-tunneler.jwt' \
  --role-attributes 'k8s-tunnelers'
