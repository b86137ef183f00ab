# Take out of Deployment billing-api only what the patch added; the workload itself stays.
if [ -n "$(kubectl --namespace 'payments' get 'deployment/billing-api' --ignore-not-found -o name)" ]; then
  # shellcheck disable=SC2016 # "$patch" is a directive of the strategic merge, not a shell variable.
  kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic -p '{"spec":{"template":{"spec":{"initContainers":[{"name":"ziti-tunnel","$patch":"delete"}],"volumes":[{"name":"ziti-identity","$patch":"delete"}]}}}}'
fi
kubectl --namespace 'payments' delete 'secret/proxy-client-identity' --ignore-not-found
# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.
ziti edge delete service-policy 'proxy-clients-dial'
ziti edge delete service-edge-router-policy 'proxy-clients-service-edge-routers'
ziti edge delete edge-router-policy 'proxy-clients-edge-routers'
ziti edge delete identity 'proxy-client'
rm -f '/tmp/proxy-client.jwt' '/tmp/proxy-client.json'
