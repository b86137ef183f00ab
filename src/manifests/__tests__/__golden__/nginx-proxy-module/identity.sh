ziti edge create identity 'nginx-ziti' \
  --jwt-output-file '/tmp/nginx-ziti.jwt' \
  --role-attributes 'nginx-hosts'

# Enroll on this workstation; the JSON holds the private key.
ziti edge enroll --jwt '/tmp/nginx-ziti.jwt' --out '/tmp/nginx-ziti.json'
