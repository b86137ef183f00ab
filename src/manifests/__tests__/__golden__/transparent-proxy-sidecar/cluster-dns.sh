# ClusterIP of cluster DNS; the manifest below must use it as the second nameserver.
kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}'
echo 'Enter the address above as "Cluster DNS IP"; the files below use 10.96.0.10.'
