kubectl apply -f loopback-sidecar.yaml
kubectl rollout status --namespace 'default' 'deployment/my-app'
