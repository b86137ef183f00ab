kubectl apply -f nginx-ziti.yaml
kubectl rollout status --namespace 'default' 'deployment/nginx-ziti'
# nginx reads the ConfigMap at start; after changing it run:
# kubectl rollout restart --namespace 'default' 'deployment/nginx-ziti'
