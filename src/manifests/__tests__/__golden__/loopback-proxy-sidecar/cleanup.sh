kubectl delete --namespace 'default' 'deployment/my-app' 'secret/proxy-client-identity'
ziti edge delete service-policy 'proxy-clients-dial'
ziti edge delete identity 'proxy-client'
rm -f '/tmp/proxy-client.jwt' '/tmp/proxy-client.json'
