ziti edge delete service-policy 'k8s-api-clients-dial'
ziti edge delete edge-router-policy 'k8s-api-clients-edge-routers'
ziti edge delete identity 'k8s-api-client'
rm -f '/tmp/k8s-api-client.jwt'
rm -f 'k8s-api.ziti.kubeconfig'
# Installed with Argo CD or Flux? Delete the Application or HelmRelease from git instead of running helm uninstall.
ours=$(helm list --namespace 'ziti' --all --short --selector 'installed-by=openziti-k8s-guide.ziti-host')
if printf '%s\n' "$ours" | grep -x -F -- 'ziti-host' >/dev/null; then
  helm uninstall 'ziti-host' --namespace 'ziti'
else
  echo 'No release ziti-host installed by these steps in namespace ziti; nothing to uninstall.'
fi
# The Secret the Argo CD or Flux install reads, if you took that path:
kubectl delete secret 'k8s-host-identity' --namespace 'ziti' --ignore-not-found
ziti edge delete service-policy 'k8s-api-bind'
ziti edge delete service-edge-router-policy 'k8s-hosts-service-edge-routers'
ziti edge delete edge-router-policy 'k8s-hosts-edge-routers'
ziti edge delete service 'k8s-api'
ziti edge delete config 'k8s-api-host-v1'
ziti edge delete config 'k8s-api-intercept-v1'
ziti edge delete identity 'k8s-host'
rm -f '/tmp/k8s-host.jwt'
