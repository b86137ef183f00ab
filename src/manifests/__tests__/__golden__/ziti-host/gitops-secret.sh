# The token cannot go into git: enroll it here; the JSON holds the private key.
ziti edge enroll --jwt '/tmp/k8s-host.jwt' --out '/tmp/k8s-host.json'
kubectl create namespace 'ziti' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'k8s-host-identity' \
  --namespace 'ziti' \
  --from-file='persisted-identity=/tmp/k8s-host.json'
# The Secret now holds the key; remove the local copies.
rm -f '/tmp/k8s-host.jwt' '/tmp/k8s-host.json'
