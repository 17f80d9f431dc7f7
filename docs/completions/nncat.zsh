#compdef nncat nn_push nn_pull nn_pub nn_sub nn_req nn_rep nn_pair nn_bus nn_surveyor nn_respondent

autoload -U is-at-least

_nncat() {
    # nanocat's program names (nn_push...) are nncat with the type preset.
    if [[ ${words[1]:t} == nn_* ]]; then
        words=(nncat ${${words[1]:t}#nn_} "${(@)words[2,-1]}")
        (( CURRENT += 1 ))
    fi
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_nncat_commands" \
"*::: :->nncat" \
&& ret=0
    case $state in
    (nncat)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:nncat-command-$line[1]:"
        case $line[1] in
            (push)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(pub)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(sub)
_arguments "${_arguments_options[@]}" : \
'*--subscribe=[Receive messages that start with TOPIC (repeatable; none\: every message)]:TOPIC:_default' \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(req)
_arguments "${_arguments_options[@]}" : \
'--resend-interval=[Send an unanswered request again after T, to whichever replier is up then (nanomsg'\''s default\: 60s)]:T:_default' \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(rep)
_arguments "${_arguments_options[@]}" : \
'-D+[Answer every request with DATA]:DATA:_default' \
'--data=[Answer every request with DATA]:DATA:_default' \
'-F+[Answer every request with the file'\''s bytes]:PATH:_files' \
'--file=[Answer every request with the file'\''s bytes]:PATH:_files' \
'*--exec=[Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line\: put it last]:CMD:_default' \
'--exec-timeout=[Kill an --exec command (and its process group) after T (default 10s)\: a failure, no answer]:T:_default' \
'--exec-max-output=[Kill an --exec command that prints more than SIZE (K, M, G; default 16M)\: a failure, no answer]:SIZE:_default' \
'--jobs=[Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)]:N:_default' \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'--echo[Answer every request with the request itself]' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(pair)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(bus)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(surveyor)
_arguments "${_arguments_options[@]}" : \
'--deadline=[How long to collect answers to each survey (nanomsg'\''s default\: 1s)]:T:_default' \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'(-F --file)-D+[Send DATA as the message instead of reading stdin]:DATA:_default' \
'(-F --file)--data=[Send DATA as the message instead of reading stdin]:DATA:_default' \
'-F+[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'--file=[Send the file'\''s bytes as one message ('\''-'\'' reads all of stdin)]:PATH:_files' \
'-i+[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'--interval=[With --data/--file, send it again every T; with stdin, wait T between messages]:T:_default' \
'-d+[Wait T before the first send]:T:_default' \
'--delay=[Wait T before the first send]:T:_default' \
'--wait-peers=[Wait for N connected peers before the first send]:N:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'(-D --data -F --file -i --interval)--replay[Send each JSON record at its "time", as far from the first record'\''s as it was recorded (by a receiver'\''s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(respondent)
_arguments "${_arguments_options[@]}" : \
'-D+[Answer every request with DATA]:DATA:_default' \
'--data=[Answer every request with DATA]:DATA:_default' \
'-F+[Answer every request with the file'\''s bytes]:PATH:_files' \
'--file=[Answer every request with the file'\''s bytes]:PATH:_files' \
'*--exec=[Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line\: put it last]:CMD:_default' \
'--exec-timeout=[Kill an --exec command (and its process group) after T (default 10s)\: a failure, no answer]:T:_default' \
'--exec-max-output=[Kill an --exec command that prints more than SIZE (K, M, G; default 16M)\: a failure, no answer]:SIZE:_default' \
'--jobs=[Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)]:N:_default' \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'--echo[Answer every request with the request itself]' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(tap)
_arguments "${_arguments_options[@]}" : \
'*--bind=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--listen=[Bind to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT, inproc\://NAME); port 0 picks a free port and prints the URL bound]:URL:_default' \
'*--connect=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*--dial=[Connect to URL (tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH, inproc\://NAME)]:URL:_default' \
'*-L+[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*--bind-local=[Bind to tcp\://127.0.0.1\:PORT (0\: a free port, printed)]:PORT:_default' \
'*-l+[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*--connect-local=[Connect to tcp\://127.0.0.1\:PORT]:PORT:_default' \
'*-X+[Bind to ipc\://PATH]:PATH:_files' \
'*--bind-ipc=[Bind to ipc\://PATH]:PATH:_files' \
'*-x+[Connect to ipc\://PATH]:PATH:_files' \
'*--connect-ipc=[Connect to ipc\://PATH]:PATH:_files' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'--format=[Format of stdin and stdout records]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--in-format=[Format of stdin records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--out-format=[Format of stdout records (overrides --format)]:F:((text\:"One message per line, bytes as they are (control bytes escaped on a terminal)"
ascii\:"nanocat'\''s ASCII\: non-printable bytes as '\''.'\'', then a newline (output only; input as text)"
quoted\:"nanocat'\''s C-escaped string in double quotes, one per line; input parses it back"
hex\:"Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69""
msgpack\:"MessagePack bin objects with no delimiter; input takes bin and str objects"
raw\:"The bytes with no delimiter; input\: all of stdin is one message"
json\:"One JSON object per line\: {"data"\: "text"} or {"base64"\: "..."}; input the same"
no\:"Print nothing (nanocat'\''s and nngcat'\''s --format no); input as text"))' \
'--topic-split=[In json, split each message at the first SEP into "topic" and "data"; on input, join a record'\''s "topic" and "data" with SEP]:SEP:_default' \
'--send-timeout=[Give up sending after T with no peer to take the message]:T:_default' \
'--linger=[At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)]:T:_default' \
'--recv-timeout=[Give up receiving after T with nothing received]:T:_default' \
'-Z+[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'--recv-maxsz=[Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold\: never unlimited (see docs/security.md)]:SIZE:_default' \
'-C+[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--count=[Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0\: no limit]:N:_default' \
'--socket-name=[Name of the socket (NN_SOCKET_NAME), shown in nanomsg'\''s own statistics]:NAME:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for\: bound, connected, disconnected (docs/harness.md)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-A[Same as --format ascii]' \
'--ascii[Same as --format ascii]' \
'-Q[Same as --format quoted]' \
'--quoted[Same as --format quoted]' \
'--hex[Same as --format hex]' \
'--msgpack[Same as --format msgpack]' \
'--raw[Same as --format raw]' \
'-0[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--null[Separate records with NUL instead of newline (text, ascii, quoted, hex, json)]' \
'--timestamp[Add the receive time to each record\: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)]' \
'*-v[Report endpoints, connection events and counts on stderr]' \
'*--verbose[Report endpoints, connection events and counts on stderr]' \
'--stats[At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)]' \
'--progress[While stdout is not a terminal, show a live count of messages on stderr]' \
'-q[No warnings or notices on stderr (errors are still printed)]' \
'--quiet[No warnings or notices on stderr (errors are still printed)]' \
'--silent[No warnings or notices on stderr (errors are still printed)]' \
'--async[nngcat'\''s\: connect in the background; nncat always does, as nanocat did]' \
'--compat[nngcat'\''s\: behave like nanocat; nncat'\''s connects and --pair always do]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':kind -- The server'\''s socket type (the clients use its peer type):(push pull pub sub req rep pair bus surveyor respondent)' \
&& ret=0
;;
(probe)
_arguments "${_arguments_options[@]}" : \
'()--bind=[Listen at URL and print the type of each peer that connects to it]:URL:_default' \
'--timeout=[Give up on an endpoint (or on a peer'\''s header) after T]:T:_default' \
'--format=[text or json]:F:((text\:"One line per endpoint; failures on stderr"
json\:"One JSON object per line\: url, protocol, protocol_id, peers; or url, error"))' \
'-C+[With --bind\: stop after N peers (0\: no limit)]:N:_default' \
'--count=[With --bind\: stop after N peers (0\: no limit)]:N:_default' \
'--recv-timeout=[With --bind\: stop after T with no new peer]:T:_default' \
'--log-format=[Lines on stderr as text, or as JSON objects (level, message, reason)]:F:((text\:"\`nncat\: ...\` lines for people"
json\:"One JSON object per line, for harnesses"))' \
'-E+[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--cert=[Present this certificate\: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given]:FILE:_files' \
'--key=[The private key (PEM) for --cert, when it is not in the --cert file]:FILE:_files' \
'--cacert=[Trust the CA certificates in FILE (PEM) instead of the system'\''s roots when connecting]:FILE:_files' \
'-k[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'--insecure[Do not verify the peer'\''s certificate (the connection is still encrypted)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::urls -- Endpoints to probe\: tcp\://HOST\:PORT, ipc\://PATH, ws\://HOST\:PORT/PATH, tls+tcp\://HOST\:PORT, wss\://HOST\:PORT/PATH:_default' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
':shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'()--list[List the pages there are, one name a line]' \
'-h[Print help]' \
'--help[Print help]' \
'::page:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_nncat__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:nncat-help-command-$line[1]:"
        case $line[1] in
            (push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pub)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sub)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(req)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rep)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pair)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bus)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(surveyor)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(respondent)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(tap)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(probe)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_nncat_commands] )) ||
_nncat_commands() {
    local commands; commands=(
'push:Send each input message to one of the connected pullers' \
'pull:Print every message pushed to this socket' \
'pub:Publish each input message to every subscriber' \
'sub:Print every published message that matches a subscription' \
'req:Send each input message as a request and print its reply' \
'rep:Print each request and answer it (stdin, --data, --echo or --exec)' \
'pair:Send input messages and print received ones, with one peer' \
'bus:Send input messages to every bus peer and print what they send' \
'surveyor:Send each input message as a survey and print every answer until the deadline' \
'respondent:Print each survey and answer it (stdin, --data, --echo or --exec)' \
'tap:Sit between clients and a server of type TYPE, forward both ways, print each message' \
'probe:Say which socket type listens at each URL, without becoming its peer' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'man:Print the man page (roff); with a TYPE (or tap, probe), that page' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'nncat commands' commands "$@"
}
(( $+functions[_nncat__subcmd__bus_commands] )) ||
_nncat__subcmd__bus_commands() {
    local commands; commands=()
    _describe -t commands 'nncat bus commands' commands "$@"
}
(( $+functions[_nncat__subcmd__completions_commands] )) ||
_nncat__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'nncat completions commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help_commands] )) ||
_nncat__subcmd__help_commands() {
    local commands; commands=(
'push:Send each input message to one of the connected pullers' \
'pull:Print every message pushed to this socket' \
'pub:Publish each input message to every subscriber' \
'sub:Print every published message that matches a subscription' \
'req:Send each input message as a request and print its reply' \
'rep:Print each request and answer it (stdin, --data, --echo or --exec)' \
'pair:Send input messages and print received ones, with one peer' \
'bus:Send input messages to every bus peer and print what they send' \
'surveyor:Send each input message as a survey and print every answer until the deadline' \
'respondent:Print each survey and answer it (stdin, --data, --echo or --exec)' \
'tap:Sit between clients and a server of type TYPE, forward both ways, print each message' \
'probe:Say which socket type listens at each URL, without becoming its peer' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'man:Print the man page (roff); with a TYPE (or tap, probe), that page' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'nncat help commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__bus_commands] )) ||
_nncat__subcmd__help__subcmd__bus_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help bus commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__completions_commands] )) ||
_nncat__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help completions commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__help_commands] )) ||
_nncat__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help help commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__man_commands] )) ||
_nncat__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help man commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__pair_commands] )) ||
_nncat__subcmd__help__subcmd__pair_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help pair commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__probe_commands] )) ||
_nncat__subcmd__help__subcmd__probe_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help probe commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__pub_commands] )) ||
_nncat__subcmd__help__subcmd__pub_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help pub commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__pull_commands] )) ||
_nncat__subcmd__help__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help pull commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__push_commands] )) ||
_nncat__subcmd__help__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help push commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__rep_commands] )) ||
_nncat__subcmd__help__subcmd__rep_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help rep commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__req_commands] )) ||
_nncat__subcmd__help__subcmd__req_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help req commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__respondent_commands] )) ||
_nncat__subcmd__help__subcmd__respondent_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help respondent commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__sub_commands] )) ||
_nncat__subcmd__help__subcmd__sub_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help sub commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__surveyor_commands] )) ||
_nncat__subcmd__help__subcmd__surveyor_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help surveyor commands' commands "$@"
}
(( $+functions[_nncat__subcmd__help__subcmd__tap_commands] )) ||
_nncat__subcmd__help__subcmd__tap_commands() {
    local commands; commands=()
    _describe -t commands 'nncat help tap commands' commands "$@"
}
(( $+functions[_nncat__subcmd__man_commands] )) ||
_nncat__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'nncat man commands' commands "$@"
}
(( $+functions[_nncat__subcmd__pair_commands] )) ||
_nncat__subcmd__pair_commands() {
    local commands; commands=()
    _describe -t commands 'nncat pair commands' commands "$@"
}
(( $+functions[_nncat__subcmd__probe_commands] )) ||
_nncat__subcmd__probe_commands() {
    local commands; commands=()
    _describe -t commands 'nncat probe commands' commands "$@"
}
(( $+functions[_nncat__subcmd__pub_commands] )) ||
_nncat__subcmd__pub_commands() {
    local commands; commands=()
    _describe -t commands 'nncat pub commands' commands "$@"
}
(( $+functions[_nncat__subcmd__pull_commands] )) ||
_nncat__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'nncat pull commands' commands "$@"
}
(( $+functions[_nncat__subcmd__push_commands] )) ||
_nncat__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'nncat push commands' commands "$@"
}
(( $+functions[_nncat__subcmd__rep_commands] )) ||
_nncat__subcmd__rep_commands() {
    local commands; commands=()
    _describe -t commands 'nncat rep commands' commands "$@"
}
(( $+functions[_nncat__subcmd__req_commands] )) ||
_nncat__subcmd__req_commands() {
    local commands; commands=()
    _describe -t commands 'nncat req commands' commands "$@"
}
(( $+functions[_nncat__subcmd__respondent_commands] )) ||
_nncat__subcmd__respondent_commands() {
    local commands; commands=()
    _describe -t commands 'nncat respondent commands' commands "$@"
}
(( $+functions[_nncat__subcmd__sub_commands] )) ||
_nncat__subcmd__sub_commands() {
    local commands; commands=()
    _describe -t commands 'nncat sub commands' commands "$@"
}
(( $+functions[_nncat__subcmd__surveyor_commands] )) ||
_nncat__subcmd__surveyor_commands() {
    local commands; commands=()
    _describe -t commands 'nncat surveyor commands' commands "$@"
}
(( $+functions[_nncat__subcmd__tap_commands] )) ||
_nncat__subcmd__tap_commands() {
    local commands; commands=()
    _describe -t commands 'nncat tap commands' commands "$@"
}

if [ "$funcstack[1]" = "_nncat" ]; then
    _nncat "$@"
else
    compdef _nncat nncat nn_push nn_pull nn_pub nn_sub nn_req nn_rep nn_pair nn_bus nn_surveyor nn_respondent
fi
