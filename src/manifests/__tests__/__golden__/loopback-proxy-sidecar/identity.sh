ziti edge create identity 'proxy-client' \
  --jwt-output-file '/tmp/proxy-client.jwt' \
  --role-attributes 'proxy-clients'

# Enroll on this workstation; the JSON holds the private key.
ziti edge enroll --jwt '/tmp/proxy-client.jwt' --out '/tmp/proxy-client.json'
