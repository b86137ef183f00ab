# ClusterIP of CoreDNS; enter it as "Cluster DNS IP".
kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}{"\n"}'
