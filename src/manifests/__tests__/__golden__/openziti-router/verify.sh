kubectl get pods,services,pvc --namespace 'ziti'
ziti edge list edge-routers 'name="router1"'
ziti edge policy-advisor services 'k8s-api' -q
