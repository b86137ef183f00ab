# Runs in a subshell that stops at the first command that fails; paste or run it whole.
(
set -euo pipefail
# Record the pod DNS settings the patch replaces, so that the clean-up can put them back.
# A second run keeps the first record: it still holds your own settings.
dns_policy_before=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.metadata.annotations.sidecar\.openziti\.io/dns-policy-before}')
if [ -z "$dns_policy_before" ]; then
  dns_policy_before=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.spec.template.spec.dnsPolicy}')
  dns_config_before=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.spec.template.spec.dnsConfig}')
  # The dnsConfig is JSON; escape it to sit inside a JSON string.
  dns_config_before=${dns_config_before//\\/\\\\}
  dns_config_before=${dns_config_before//\"/\\\"}
  kubectl --namespace 'payments' patch 'deployment/billing-api' --type merge \
    -p "{\"metadata\":{\"annotations\":{\"sidecar.openziti.io/dns-policy-before\":\"${dns_policy_before:-unset}\",\"sidecar.openziti.io/dns-config-before\":\"${dns_config_before}\"}}}"
fi

# Preview the merged workload first; nothing changes on the cluster.
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file transparent-sidecar-patch.yaml --dry-run=server -o yaml
kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic --patch-file transparent-sidecar-patch.yaml
if ! kubectl rollout status --namespace 'payments' 'deployment/billing-api' --timeout=5m; then
  echo "Not ready after 5m; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2
  kubectl get events --namespace 'payments' --sort-by=.lastTimestamp | tail -n 20 >&2
  exit 1
fi
)
