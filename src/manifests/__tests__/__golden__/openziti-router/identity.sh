ziti edge create edge-router 'router1' \
  --tunneler-enabled \
  --jwt-output-file '/tmp/router1.jwt'

# The router's tunnel identity has the router's name; give it the role the Bind policies use.
ziti edge update identity 'router1' --role-attributes 'router1-hosts'
