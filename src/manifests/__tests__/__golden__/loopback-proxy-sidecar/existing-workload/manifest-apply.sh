# Preview the merged workload first; nothing changes on the cluster.
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file loopback-sidecar-patch.yaml --dry-run=server -o yaml
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file loopback-sidecar-patch.yaml
kubectl --namespace 'payments' rollout status 'deployment/billing-api' --timeout=5m
