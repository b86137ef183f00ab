kubectl apply -f transparent-sidecar.yaml
kubectl rollout status --namespace 'default' 'deployment/my-app'
