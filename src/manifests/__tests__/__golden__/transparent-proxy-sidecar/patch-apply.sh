# Preview the merged Deployment first; nothing changes on the cluster.
kubectl patch --namespace 'default' 'deployment/my-app' --type strategic --patch-file transparent-sidecar-patch.yaml --dry-run=server -o yaml
kubectl patch --namespace 'default' 'deployment/my-app' --type strategic --patch-file transparent-sidecar-patch.yaml
kubectl rollout status --namespace 'default' 'deployment/my-app'
