helm uninstall 'ziti-edge-tunnel' --namespace 'ziti'
kubectl patch configmap coredns-custom -n kube-system --type json -p '[{"op":"remove","path":"/data/ziti.server"}]'
kubectl rollout restart -n kube-system deployment/coredns
ziti edge delete service-policy 'k8s-tunnelers-dial'
ziti edge delete identity 'k8s-tunneler'
rm -f '/tmp/k8s-tunneler.jwt'
