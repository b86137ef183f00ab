kubectl --namespace 'default' delete 'deployment/my-app' 'secret/proxy-client-identity' --ignore-not-found
# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.
ziti edge delete service-policy 'proxy-clients-dial'
ziti edge delete service-edge-router-policy 'proxy-clients-service-edge-routers'
ziti edge delete edge-router-policy 'proxy-clients-edge-routers'
ziti edge delete identity 'proxy-client'
rm -f '/tmp/proxy-client.jwt' '/tmp/proxy-client.json'
