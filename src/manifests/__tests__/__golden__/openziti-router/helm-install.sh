helm repo add openziti https://docs.openziti.io/helm-charts/
helm repo update
helm upgrade --install 'ziti-router' openziti/ziti-router \
  --version 3.0.1 \
  --namespace 'ziti' --create-namespace \
  --values ziti-router-values.yaml \
  --set-file enrollmentJwt='/tmp/router1.jwt'
