# Sourced by tests/fake/bin/{kubectl,helm,ziti} with $fake_tool set. With $FAKE_PORT (harness.ts starts
# tests/fake/server.cjs once per test process and sets it), the call goes to that server over bash's
# /dev/tcp and its answer is played back here: a script test makes about a thousand calls, and a Node
# start for each one was most of the unit tests' time. Without it, the call runs as its own process.
if [[ -z ${FAKE_PORT:-} ]]; then
  exec node "${BASH_SOURCE[0]%/*}/main.cjs" "$fake_tool" "$@"
fi
if ! exec 3<>"/dev/tcp/127.0.0.1/${FAKE_PORT}"; then
  printf 'fake %s: no fake server answers on 127.0.0.1:%s (FAKE_PORT)\n' "$fake_tool" "$FAKE_PORT" >&2
  exit 2
fi
# The request: NUL-separated fields (a marker, the tool, the folder, whether stdin is a terminal, the
# argument count, the arguments), then the environment, ended by an empty field.
fake_tty=0
[[ -t 0 ]] && fake_tty=1
{
  printf '%s\0' FAKE1 "$fake_tool" "$PWD" "$fake_tty" "$#" "$@"
  for fake_name in $(compgen -e); do printf '%s=%s\0' "$fake_name" "${!fake_name}"; done
  printf '\0'
} >&3
# The answer (server.cjs): records in the order the call wrote them. `O n` and `E n` are followed by n
# bytes of stdout or stderr text, read here as bytes (LC_ALL=C, set only now so the request carried the
# caller's locale), with no process started; `o` and `e` carry text with a NUL byte as one base64 line;
# I asks for all of stdin (base64, one line); X ends with the exit status.
LC_ALL=C
fake_status=2
while IFS=' ' read -r fake_kind fake_data <&3; do
  case $fake_kind in
    O) IFS= read -r -N "$fake_data" fake_text <&3 && printf '%s' "$fake_text" ;;
    E) IFS= read -r -N "$fake_data" fake_text <&3 && printf '%s' "$fake_text" >&2 ;;
    o) base64 -d <<<"$fake_data" ;;
    e) base64 -d <<<"$fake_data" >&2 ;;
    I) { base64 -w0; printf '\n'; } >&3 ;;
    X) fake_status=$fake_data; break ;;
  esac
done
exec 3<&-
exit "$fake_status"
