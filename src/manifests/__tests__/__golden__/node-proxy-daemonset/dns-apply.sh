kubectl apply --server-side --field-manager=openziti-guide -f coredns-custom.yaml
kubectl rollout restart -n kube-system deployment/coredns
kubectl rollout status -n kube-system deployment/coredns
