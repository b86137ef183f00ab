helm repo add openziti https://docs.openziti.io/helm-charts/
helm repo update
helm upgrade --install 'ziti-host' openziti/ziti-host \
  --version 1.4.0 \
  --namespace 'ziti' --create-namespace \
  --values ziti-host-values.yaml \
  --set-file zitiEnrollToken='/tmp/k8s-host.jwt'
