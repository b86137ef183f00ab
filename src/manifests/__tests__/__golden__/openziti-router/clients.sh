# A client identity for the machine you check from; existing identities only need the role attribute.
ziti edge create identity 'k8s-api-client' \
  --jwt-output-file '/tmp/k8s-api-client.jwt' \
  --role-attributes 'k8s-api-clients'

ziti edge create service-policy 'k8s-api-clients-dial' Dial \
  --service-roles '@k8s-api' \
  --identity-roles '#k8s-api-clients'

# Let edge routers carry these identities and services (skip a policy your network already has for them).
ziti edge create edge-router-policy 'k8s-api-clients-edge-routers' \
  --edge-router-roles '#all' \
  --identity-roles '#k8s-api-clients'

# Add /tmp/k8s-api-client.jwt to the OpenZiti tunneler on the client machine (Ziti Desktop Edge, or ziti-edge-tunnel).
