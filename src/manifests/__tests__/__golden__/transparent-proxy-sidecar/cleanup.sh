kubectl delete --namespace 'default' 'deployment/my-app' 'secret/sidecar-client-identity'
ziti edge delete service-policy 'sidecar-clients-dial'
ziti edge delete identity 'sidecar-client'
rm -f '/tmp/sidecar-client.jwt' '/tmp/sidecar-client.json'
