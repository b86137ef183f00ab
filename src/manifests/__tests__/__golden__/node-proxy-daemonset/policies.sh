# Replace YOUR-SERVICE with the name of an OpenZiti service this identity may dial.
SERVICE='YOUR-SERVICE'
ziti edge create service-policy 'k8s-tunnelers-dial' Dial \
  --service-roles "@${SERVICE}" \
  --identity-roles '#k8s-tunnelers'

# Only if no edge-router policy covers this identity yet (many networks have one for #all):
# ziti edge create edge-router-policy 'k8s-tunnelers-routers' --edge-router-roles '#all' --identity-roles '#k8s-tunnelers'
