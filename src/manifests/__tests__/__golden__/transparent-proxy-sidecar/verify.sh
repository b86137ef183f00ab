kubectl get pods --namespace 'default' --selector 'app.kubernetes.io/name=my-app'
kubectl logs --namespace 'default' 'deployment/my-app' --container ziti-tunnel --tail 50
# The pod should list 127.0.0.1 first, then the cluster DNS IP:
kubectl exec --namespace 'default' 'deployment/my-app' --container app -- cat /etc/resolv.conf
# Replace YOUR-SERVICE with the name of an OpenZiti service this identity may dial.
SERVICE='YOUR-SERVICE'
ziti edge policy-advisor services "${SERVICE}" -q
