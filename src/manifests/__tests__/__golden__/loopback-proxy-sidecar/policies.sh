ziti edge create service-policy 'proxy-clients-dial' Dial \
  --service-roles '@my-service' \
  --identity-roles '#proxy-clients'

# Only if no edge-router policy covers this identity yet (many networks have one for #all):
# ziti edge create edge-router-policy 'proxy-clients-routers' --edge-router-roles '#all' --identity-roles '#proxy-clients'
