# On the client machine, with its tunneler running k8s-api-client (or another identity with the client role).
# k8s-api: the API server answers "ok" through OpenZiti (copy the kubeconfig to this machine first if it was written elsewhere).
kubectl --kubeconfig "${HOME}/.kube/"'k8s-api.ziti.kubeconfig' get --raw /readyz
