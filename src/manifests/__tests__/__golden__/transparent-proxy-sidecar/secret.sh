kubectl create namespace 'default' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'sidecar-client-identity' \
  --namespace 'default' \
  --from-file='sidecar-client.json=/tmp/sidecar-client.json'
# The Secret now holds the key; remove the local copies.
rm -f '/tmp/sidecar-client.jwt' '/tmp/sidecar-client.json'
