# Replace YOUR-SERVICE with the name of an OpenZiti service this identity may dial.
SERVICE='YOUR-SERVICE'
ziti edge create service-policy 'sidecar-clients-dial' Dial \
  --service-roles "@${SERVICE}" \
  --identity-roles '#sidecar-clients'

# Only if no edge-router policy covers this identity yet (many networks have one for #all):
# ziti edge create edge-router-policy 'sidecar-clients-routers' --edge-router-roles '#all' --identity-roles '#sidecar-clients'
