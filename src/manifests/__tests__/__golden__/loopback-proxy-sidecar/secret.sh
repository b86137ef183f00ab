kubectl create namespace 'default' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'proxy-client-identity' \
  --namespace 'default' \
  --from-file='proxy-client.json=/tmp/proxy-client.json'
# The Secret now holds the key; remove the local copies.
rm -f '/tmp/proxy-client.jwt' '/tmp/proxy-client.json'
