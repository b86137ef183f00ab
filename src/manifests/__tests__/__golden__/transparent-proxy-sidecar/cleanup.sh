kubectl --namespace 'default' delete 'deployment/my-app' 'secret/sidecar-client-identity' --ignore-not-found
# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.
ziti edge delete service-policy 'sidecar-clients-dial'
ziti edge delete service-edge-router-policy 'sidecar-clients-service-edge-routers'
ziti edge delete edge-router-policy 'sidecar-clients-edge-routers'
ziti edge delete identity 'sidecar-client'
rm -f '/tmp/sidecar-client.jwt' '/tmp/sidecar-client.json'
