# Runs in a subshell that stops at the first command that fails; paste or run it whole.
# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.
[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR'" >&2; }
(
set -euo pipefail
[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo 'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.' >&2; exit 1; }
# Take out of Deployment billing-api only what the patch added; the workload itself stays.
if [ -n "$(kubectl --namespace 'payments' get 'deployment/billing-api' --ignore-not-found -o name)" ]; then
  # shellcheck disable=SC2016 # "$patch" is a directive of the strategic merge, not a shell variable.
  kubectl --namespace 'payments' patch 'deployment/billing-api' --type strategic -p '{"spec":{"template":{"spec":{"initContainers":[{"name":"ziti-tunnel","$patch":"delete"}],"volumes":[{"name":"ziti-identity","$patch":"delete"}]}}}}'
  dns_policy_before=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.metadata.annotations.sidecar\.openziti\.io/dns-policy-before}')
  if [ -n "$dns_policy_before" ]; then
    dns_config_before=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.metadata.annotations.sidecar\.openziti\.io/dns-config-before}')
    dns_policy_now=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.spec.template.spec.dnsPolicy}')
    dns_config_now=$(kubectl --namespace 'payments' get 'deployment/billing-api' -o 'jsonpath={.spec.template.spec.dnsConfig}')
    dns_ops=''
    if [ "$dns_policy_before" != unset ]; then dns_ops="{\"op\":\"add\",\"path\":\"/spec/template/spec/dnsPolicy\",\"value\":\"${dns_policy_before}\"}"
    elif [ -n "$dns_policy_now" ]; then dns_ops="{\"op\":\"remove\",\"path\":\"/spec/template/spec/dnsPolicy\"}"; fi
    if [ -n "$dns_config_before" ]; then dns_ops="${dns_ops},{\"op\":\"add\",\"path\":\"/spec/template/spec/dnsConfig\",\"value\":${dns_config_before}}"
    elif [ -n "$dns_config_now" ]; then dns_ops="${dns_ops},{\"op\":\"remove\",\"path\":\"/spec/template/spec/dnsConfig\"}"; fi
    if [ -n "${dns_ops#,}" ]; then kubectl --namespace 'payments' patch 'deployment/billing-api' --type json -p "[${dns_ops#,}]"; fi
    kubectl --namespace 'payments' patch 'deployment/billing-api' --type merge \
      -p '{"metadata":{"annotations":{"sidecar.openziti.io/dns-policy-before":null,"sidecar.openziti.io/dns-config-before":null}}}'
  fi
fi
kubectl --namespace 'payments' delete 'secret/sidecar-client-identity' --ignore-not-found
# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.
ziti edge delete service-policy 'sidecar-clients-dial'
ziti edge delete service-edge-router-policy 'sidecar-clients-service-edge-routers'
ziti edge delete edge-router-policy 'sidecar-clients-edge-routers'
ziti edge delete identity 'sidecar-client'
rm -f "${ZITI_SECRETS_DIR}/sidecar-client.jwt" "${ZITI_SECRETS_DIR}/sidecar-client.json"
# The private folder goes once the last file in it has been moved into the cluster or deleted.
rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true
)
