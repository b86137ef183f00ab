ziti edge create identity 'sidecar-client' \
  --jwt-output-file '/tmp/sidecar-client.jwt' \
  --role-attributes 'sidecar-clients'

# Enroll on this workstation; the JSON holds the private key.
ziti edge enroll --jwt '/tmp/sidecar-client.jwt' --out '/tmp/sidecar-client.json'
