#!/bin/bash
# Mail: 20,000 one-time-link messages (the self-inspection's, issue 7) sent
# by smtp_send over one session to the local sink (tests/smtp/sink.py, which
# only counts them), with PIPELINING (DATA: one round trip a message), with
# PIPELINING and CHUNKING (BDAT: batches of 100, no waiting) and with
# neither (four round trips a message), beside the baseline of the
# same run: the same session's bytes — the same commands and message content —
# pushed through a raw socket to the same sink without waiting for a reply.
# The baseline is what the sink itself can take; the ratio is the cost of
# waiting for the relay once per message as RFC 2920 requires.  Target: well
# under 5 s for 20,000.  Called by bench/run.sh with $M, $W, $RUNS defined;
# runs alone too: M=build/mamori W=/tmp/x bench/mail.sh   (N may be set).
set -euo pipefail
. bench/lib.sh
N=${N:-20000}
mkdir -p "$W"

bench_helper mail

SINKS=()
sink_start() { # port-file sink options…
	local out=$1; shift
	python3 tests/smtp/sink.py --exit-with-parent "$@" >"$out" 2>/dev/null &
	SINKS+=($!)
	for _ in $(seq 100); do [ -s "$out" ] && return 0; sleep 0.1; done
	echo "mail bench: the sink did not start" >&2; return 1
}
sink_start "$W/sink.port" --no-chunking
sink_start "$W/sink-np.port" --no-pipelining
sink_start "$W/sink-ch.port"
trap 'kill "${SINKS[@]}" 2>/dev/null || true' EXIT
P=$(head -1 "$W/sink.port")
PNP=$(head -1 "$W/sink-np.port")
PCH=$(head -1 "$W/sink-ch.port")

# best of RUNS: the helper prints seconds (and, for send, how many went)
best() { # mode port
	local best="" t
	for _ in $(seq "$RUNS"); do
		t=$("$HELPER" "$1" "127.0.0.1:$2" "$N" | cut -d' ' -f1)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}
sent=$("$HELPER" send "127.0.0.1:$P" "$N" | cut -d' ' -f2)
t_send=$(best send "$P")
t_raw=$(best raw "$P")
t_ch=$(best send "$PCH")
t_np=$("$HELPER" send "127.0.0.1:$PNP" "$N" | cut -d' ' -f1)
rate() { printf '%.0f' "$(echo "$N / $1" | bc -l)"; }
echo "mail: ${N} one-time-link messages to a local SMTP sink (${sent} accepted):"
printf '  smtp_send, PIPELINING (DATA)   %.3f s   %s messages/s   (target well under 5 s)\n' "$t_send" "$(rate "$t_send")"
printf '  raw socket, same bytes         %.3f s   %s messages/s   (baseline: the sink alone)\n' "$t_raw" "$(rate "$t_raw")"
printf '  ratio                          %.2f×\n' "$(echo "$t_send / $t_raw" | bc -l)"
printf '  smtp_send, +CHUNKING (BDAT)    %.3f s   %s messages/s   ratio %.2f×   (target well under 5 s)\n' "$t_ch" "$(rate "$t_ch")" \
	"$(echo "$t_ch / $t_raw" | bc -l)"
printf '  smtp_send, no PIPELINING       %.3f s   %s messages/s   (one run; 4 round trips a message)\n' "$t_np" "$(rate "$t_np")"
