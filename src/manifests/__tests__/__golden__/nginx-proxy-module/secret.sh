kubectl create namespace 'default' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'nginx-ziti-identity' \
  --namespace 'default' \
  --from-file='nginx-ziti-identity=/tmp/nginx-ziti.json'
# The Secret now holds the key; remove the local copies.
rm -f '/tmp/nginx-ziti.jwt' '/tmp/nginx-ziti.json'
