# Installed with Argo CD or Flux? Delete the Application or HelmRelease from git instead of running helm uninstall.
ours=$(helm list --namespace 'ziti' --all --short --selector 'installed-by=openziti-k8s-guide.ziti-edge-tunnel')
if printf '%s\n' "$ours" | grep -x -F -- 'ziti-edge-tunnel' >/dev/null; then
  helm uninstall 'ziti-edge-tunnel' --namespace 'ziti'
else
  echo 'No release ziti-edge-tunnel installed by these steps in namespace ziti; nothing to uninstall.'
fi
# The Secret the Argo CD or Flux install reads, if you took that path:
kubectl delete secret 'k8s-tunneler-identity' --namespace 'ziti' --ignore-not-found
kubectl patch configmap coredns-custom -n kube-system --type merge -p '{"data":{"ziti.server":null}}'
kubectl -n kube-system rollout restart deployment/coredns
ziti edge delete service-policy 'k8s-tunnelers-dial'
ziti edge delete service-edge-router-policy 'k8s-tunnelers-service-edge-routers'
ziti edge delete edge-router-policy 'k8s-tunnelers-edge-routers'
ziti edge delete identity 'k8s-tunneler'
rm -f '/tmp/k8s-tunneler.jwt'
