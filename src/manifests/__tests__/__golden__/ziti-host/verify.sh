helm status 'ziti-host' --namespace 'ziti'
kubectl get deployments,pods,pvc --namespace 'ziti'
ziti edge policy-advisor services 'k8s-api' -q
