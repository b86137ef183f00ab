# This CoreDNS must import coredns-custom *.server keys (k3s and AKS do); otherwise use the Corefile option.
kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' | grep 'import .*custom/\*\.server' \
  || echo 'This CoreDNS does not import coredns-custom; choose the Corefile option instead.' >&2
kubectl apply --server-side --field-manager=openziti-guide -f coredns-custom.yaml
kubectl -n kube-system rollout restart deployment/coredns
kubectl -n kube-system rollout status deployment/coredns
