kubectl create namespace 'ziti' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret generic 'router1-enrollment' \
  --namespace 'ziti' \
  --from-file='enrollmentJwt=/tmp/router1.jwt'
rm -f '/tmp/router1.jwt'
