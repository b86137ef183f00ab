helm uninstall 'ziti-edge-tunnel' --namespace 'ziti'
kubectl patch configmap coredns-custom -n kube-system --type json -p '[{"op":"remove","path":"/data/ziti.server"}]'
kubectl -n kube-system rollout restart deployment/coredns
ziti edge delete service-policy 'k8s-tunnelers-dial'
ziti edge delete service-edge-router-policy 'k8s-tunnelers-service-edge-routers'
ziti edge delete edge-router-policy 'k8s-tunnelers-edge-routers'
ziti edge delete identity 'k8s-tunneler'
rm -f '/tmp/k8s-tunneler.jwt'
