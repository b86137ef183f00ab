helm repo add openziti https://docs.openziti.io/helm-charts/
helm repo update
helm upgrade --install 'ziti-edge-tunnel' openziti/ziti-edge-tunnel \
  --version 1.5.0 \
  --namespace 'ziti' --create-namespace \
  --values ziti-edge-tunnel-values.yaml \
  --set-file zitiEnrollToken='/tmp/k8s-tunneler.jwt'
