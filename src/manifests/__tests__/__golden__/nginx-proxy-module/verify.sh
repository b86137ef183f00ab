kubectl logs --namespace 'default' 'deployment/nginx-ziti' --tail 50
ziti edge policy-advisor services 'k8s-api' -q
