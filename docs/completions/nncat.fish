# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nncat_global_optspecs
    string join \n h/help V/version
end

function __fish_nncat_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nncat_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nncat_using_subcommand
    set -l cmd (__fish_nncat_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nncat -n "__fish_nncat_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_needs_command" -s V -l version -d 'Print version'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "push" -d 'Send each input message to one of the connected pullers'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "pull" -d 'Print every message pushed to this socket'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "pub" -d 'Publish each input message to every subscriber'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "sub" -d 'Print every published message that matches a subscription'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "req" -d 'Send each input message as a request and print its reply'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "rep" -d 'Print each request and answer it (stdin, --data, --echo or --exec)'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "pair" -d 'Send input messages and print received ones, with one peer'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "bus" -d 'Send input messages to every bus peer and print what they send'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "surveyor" -d 'Send each input message as a survey and print every answer until the deadline'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "respondent" -d 'Print each survey and answer it (stdin, --data, --echo or --exec)'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "tap" -d 'Sit between clients and a server of type TYPE, forward both ways, print each message'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "probe" -d 'Say which socket type listens at each URL, without becoming its peer'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "man" -d 'Print the man page (roff); with a TYPE (or tap, probe), that page'
complete -c nncat -n "__fish_nncat_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand push" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand push" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand push" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand push" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand push" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand push" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand push" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand pub" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l subscribe -d 'Receive messages that start with TOPIC (repeatable; none: every message)' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand sub" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l resend-interval -d 'Send an unanswered request again after T, to whichever replier is up then (nanomsg\'s default: 60s)' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand req" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand req" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand req" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand req" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand req" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand req" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand req" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand req" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s D -l data -d 'Answer every request with DATA' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s F -l file -d 'Answer every request with the file\'s bytes' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l exec -d 'Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line: put it last' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l exec-timeout -d 'Kill an --exec command (and its process group) after T (default 10s): a failure, no answer' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l exec-max-output -d 'Kill an --exec command that prints more than SIZE (K, M, G; default 16M): a failure, no answer' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l jobs -d 'Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l echo -d 'Answer every request with the request itself'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand rep" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand pair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand bus" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l deadline -d 'How long to collect answers to each survey (nanomsg\'s default: 1s)' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s d -l delay -d 'Wait T before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand surveyor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s D -l data -d 'Answer every request with DATA' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s F -l file -d 'Answer every request with the file\'s bytes' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l exec -d 'Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line: put it last' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l exec-timeout -d 'Kill an --exec command (and its process group) after T (default 10s): a failure, no answer' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l exec-max-output -d 'Kill an --exec command that prints more than SIZE (K, M, G; default 16M): a failure, no answer' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l jobs -d 'Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l echo -d 'Answer every request with the request itself'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand respondent" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s A -l ascii -d 'Same as --format ascii'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s Q -l quoted -d 'Same as --format quoted'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l hex -d 'Same as --format hex'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l msgpack -d 'Same as --format msgpack'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l raw -d 'Same as --format raw'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nncat -n "__fish_nncat_using_subcommand tap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l bind -d 'Listen at URL and print the type of each peer that connects to it' -r
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l timeout -d 'Give up on an endpoint (or on a peer\'s header) after T' -r
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l format -d 'text or json' -r -f -a "text\t'One line per endpoint; failures on stderr'
json\t'One JSON object per line: url, protocol, protocol_id, peers; or url, error'"
complete -c nncat -n "__fish_nncat_using_subcommand probe" -s C -l count -d 'With --bind: stop after N peers (0: no limit)' -r
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l recv-timeout -d 'With --bind: stop after T with no new peer' -r
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nncat -n "__fish_nncat_using_subcommand probe" -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand probe" -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nncat -n "__fish_nncat_using_subcommand probe" -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nncat -n "__fish_nncat_using_subcommand probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand completions" -s h -l help -d 'Print help'
complete -c nncat -n "__fish_nncat_using_subcommand man" -l list -d 'List the pages there are, one name a line'
complete -c nncat -n "__fish_nncat_using_subcommand man" -s h -l help -d 'Print help'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "push" -d 'Send each input message to one of the connected pullers'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "pull" -d 'Print every message pushed to this socket'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "pub" -d 'Publish each input message to every subscriber'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "sub" -d 'Print every published message that matches a subscription'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "req" -d 'Send each input message as a request and print its reply'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "rep" -d 'Print each request and answer it (stdin, --data, --echo or --exec)'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "pair" -d 'Send input messages and print received ones, with one peer'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "bus" -d 'Send input messages to every bus peer and print what they send'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "surveyor" -d 'Send each input message as a survey and print every answer until the deadline'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "respondent" -d 'Print each survey and answer it (stdin, --data, --echo or --exec)'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "tap" -d 'Sit between clients and a server of type TYPE, forward both ways, print each message'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "probe" -d 'Say which socket type listens at each URL, without becoming its peer'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "man" -d 'Print the man page (roff); with a TYPE (or tap, probe), that page'
complete -c nncat -n "__fish_nncat_using_subcommand help; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent tap probe completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

# nanocat's program names (nn_push...) are nncat with the type preset.
complete -c nn_push -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_push -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_push -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_push -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_push -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_push -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_push -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_push -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_push -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_push -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_push -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_push -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_push -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_push -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_push -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_push -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_push -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_push -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_push -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_push -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_push -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_push -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_push -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_push -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_push -s A -l ascii -d 'Same as --format ascii'
complete -c nn_push -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_push -l hex -d 'Same as --format hex'
complete -c nn_push -l msgpack -d 'Same as --format msgpack'
complete -c nn_push -l raw -d 'Same as --format raw'
complete -c nn_push -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_push -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_push -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_push -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_push -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_push -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_push -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_push -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_push -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_pull -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_pull -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_pull -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_pull -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_pull -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_pull -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_pull -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_pull -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_pull -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_pull -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pull -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pull -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pull -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_pull -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_pull -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_pull -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_pull -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_pull -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_pull -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_pull -s A -l ascii -d 'Same as --format ascii'
complete -c nn_pull -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_pull -l hex -d 'Same as --format hex'
complete -c nn_pull -l msgpack -d 'Same as --format msgpack'
complete -c nn_pull -l raw -d 'Same as --format raw'
complete -c nn_pull -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_pull -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_pull -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_pull -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_pull -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_pull -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_pull -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_pull -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_pull -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_pub -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_pub -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_pub -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_pub -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_pub -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_pub -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_pub -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_pub -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_pub -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_pub -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pub -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pub -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pub -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_pub -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_pub -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_pub -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_pub -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_pub -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_pub -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_pub -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_pub -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_pub -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_pub -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_pub -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_pub -s A -l ascii -d 'Same as --format ascii'
complete -c nn_pub -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_pub -l hex -d 'Same as --format hex'
complete -c nn_pub -l msgpack -d 'Same as --format msgpack'
complete -c nn_pub -l raw -d 'Same as --format raw'
complete -c nn_pub -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_pub -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_pub -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_pub -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_pub -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_pub -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_pub -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_pub -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_pub -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_sub -l subscribe -d 'Receive messages that start with TOPIC (repeatable; none: every message)' -r
complete -c nn_sub -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_sub -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_sub -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_sub -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_sub -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_sub -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_sub -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_sub -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_sub -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_sub -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_sub -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_sub -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_sub -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_sub -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_sub -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_sub -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_sub -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_sub -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_sub -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_sub -s A -l ascii -d 'Same as --format ascii'
complete -c nn_sub -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_sub -l hex -d 'Same as --format hex'
complete -c nn_sub -l msgpack -d 'Same as --format msgpack'
complete -c nn_sub -l raw -d 'Same as --format raw'
complete -c nn_sub -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_sub -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_sub -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_sub -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_sub -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_sub -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_sub -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_sub -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_sub -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_req -l resend-interval -d 'Send an unanswered request again after T, to whichever replier is up then (nanomsg\'s default: 60s)' -r
complete -c nn_req -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_req -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_req -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_req -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_req -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_req -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_req -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_req -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_req -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_req -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_req -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_req -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_req -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_req -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_req -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_req -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_req -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_req -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_req -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_req -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_req -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_req -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_req -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_req -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_req -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_req -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_req -s A -l ascii -d 'Same as --format ascii'
complete -c nn_req -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_req -l hex -d 'Same as --format hex'
complete -c nn_req -l msgpack -d 'Same as --format msgpack'
complete -c nn_req -l raw -d 'Same as --format raw'
complete -c nn_req -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_req -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_req -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_req -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_req -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_req -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_req -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_req -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_req -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_req -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_rep -s D -l data -d 'Answer every request with DATA' -r
complete -c nn_rep -s F -l file -d 'Answer every request with the file\'s bytes' -r -F
complete -c nn_rep -l exec -d 'Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line: put it last' -r
complete -c nn_rep -l exec-timeout -d 'Kill an --exec command (and its process group) after T (default 10s): a failure, no answer' -r
complete -c nn_rep -l exec-max-output -d 'Kill an --exec command that prints more than SIZE (K, M, G; default 16M): a failure, no answer' -r
complete -c nn_rep -l jobs -d 'Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)' -r
complete -c nn_rep -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_rep -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_rep -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_rep -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_rep -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_rep -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_rep -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_rep -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_rep -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_rep -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_rep -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_rep -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_rep -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_rep -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_rep -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_rep -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_rep -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_rep -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_rep -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_rep -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_rep -l echo -d 'Answer every request with the request itself'
complete -c nn_rep -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_rep -s A -l ascii -d 'Same as --format ascii'
complete -c nn_rep -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_rep -l hex -d 'Same as --format hex'
complete -c nn_rep -l msgpack -d 'Same as --format msgpack'
complete -c nn_rep -l raw -d 'Same as --format raw'
complete -c nn_rep -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_rep -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_rep -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_rep -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_rep -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_rep -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_rep -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_rep -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_rep -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_pair -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_pair -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_pair -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_pair -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_pair -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_pair -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_pair -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_pair -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_pair -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_pair -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pair -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pair -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_pair -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_pair -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_pair -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_pair -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_pair -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_pair -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_pair -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_pair -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_pair -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_pair -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_pair -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_pair -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_pair -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_pair -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_pair -s A -l ascii -d 'Same as --format ascii'
complete -c nn_pair -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_pair -l hex -d 'Same as --format hex'
complete -c nn_pair -l msgpack -d 'Same as --format msgpack'
complete -c nn_pair -l raw -d 'Same as --format raw'
complete -c nn_pair -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_pair -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_pair -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_pair -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_pair -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_pair -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_pair -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_pair -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_pair -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_pair -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_bus -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_bus -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_bus -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_bus -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_bus -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_bus -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_bus -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_bus -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_bus -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_bus -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_bus -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_bus -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_bus -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_bus -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_bus -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_bus -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_bus -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_bus -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_bus -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_bus -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_bus -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_bus -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_bus -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_bus -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_bus -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_bus -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_bus -s A -l ascii -d 'Same as --format ascii'
complete -c nn_bus -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_bus -l hex -d 'Same as --format hex'
complete -c nn_bus -l msgpack -d 'Same as --format msgpack'
complete -c nn_bus -l raw -d 'Same as --format raw'
complete -c nn_bus -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_bus -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_bus -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_bus -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_bus -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_bus -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_bus -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_bus -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_bus -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_bus -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_surveyor -l deadline -d 'How long to collect answers to each survey (nanomsg\'s default: 1s)' -r
complete -c nn_surveyor -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_surveyor -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_surveyor -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_surveyor -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_surveyor -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_surveyor -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_surveyor -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_surveyor -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_surveyor -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_surveyor -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_surveyor -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_surveyor -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_surveyor -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_surveyor -s D -l data -d 'Send DATA as the message instead of reading stdin' -r
complete -c nn_surveyor -s F -l file -d 'Send the file\'s bytes as one message (\'-\' reads all of stdin)' -r -F
complete -c nn_surveyor -s i -l interval -d 'With --data/--file, send it again every T; with stdin, wait T between messages' -r
complete -c nn_surveyor -s d -l delay -d 'Wait T before the first send' -r
complete -c nn_surveyor -l wait-peers -d 'Wait for N connected peers before the first send' -r
complete -c nn_surveyor -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_surveyor -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_surveyor -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_surveyor -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_surveyor -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_surveyor -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_surveyor -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_surveyor -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_surveyor -s A -l ascii -d 'Same as --format ascii'
complete -c nn_surveyor -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_surveyor -l hex -d 'Same as --format hex'
complete -c nn_surveyor -l msgpack -d 'Same as --format msgpack'
complete -c nn_surveyor -l raw -d 'Same as --format raw'
complete -c nn_surveyor -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_surveyor -l replay -d 'Send each JSON record at its "time", as far from the first record\'s as it was recorded (by a receiver\'s --format json with time stamps, or by tap --format json, whose records back to the clients are skipped)'
complete -c nn_surveyor -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_surveyor -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_surveyor -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_surveyor -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_surveyor -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_surveyor -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_surveyor -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_surveyor -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nn_respondent -s D -l data -d 'Answer every request with DATA' -r
complete -c nn_respondent -s F -l file -d 'Answer every request with the file\'s bytes' -r -F
complete -c nn_respondent -l exec -d 'Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin. It takes the rest of the command line: put it last' -r
complete -c nn_respondent -l exec-timeout -d 'Kill an --exec command (and its process group) after T (default 10s): a failure, no answer' -r
complete -c nn_respondent -l exec-max-output -d 'Kill an --exec command that prints more than SIZE (K, M, G; default 16M): a failure, no answer' -r
complete -c nn_respondent -l jobs -d 'Run up to N --exec commands at once (default 1), each answer going to its own requester as soon as its command is done (so answers may leave in another order)' -r
complete -c nn_respondent -l bind -l listen -d 'Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT, wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound' -r
complete -c nn_respondent -l connect -l dial -d 'Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)' -r
complete -c nn_respondent -s L -l bind-local -d 'Bind to tcp://127.0.0.1:PORT (0: a free port, printed)' -r
complete -c nn_respondent -s l -l connect-local -d 'Connect to tcp://127.0.0.1:PORT' -r
complete -c nn_respondent -s X -l bind-ipc -d 'Bind to ipc://PATH' -r -F
complete -c nn_respondent -s x -l connect-ipc -d 'Connect to ipc://PATH' -r -F
complete -c nn_respondent -s E -l cert -d 'Present this certificate: a PEM chain, its key in the same file unless --key names another. A TLS --bind needs one; a TLS --connect presents it when given' -r -F
complete -c nn_respondent -l key -d 'The private key (PEM) for --cert, when it is not in the --cert file' -r -F
complete -c nn_respondent -l cacert -d 'Trust the CA certificates in FILE (PEM) instead of the system\'s roots when connecting' -r -F
complete -c nn_respondent -l format -d 'Format of stdin and stdout records' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_respondent -l in-format -d 'Format of stdin records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_respondent -l out-format -d 'Format of stdout records (overrides --format)' -r -f -a "text\t'One message per line, bytes as they are (control bytes escaped on a terminal)'
ascii\t'nanocat\'s ASCII: non-printable bytes as \'.\', then a newline (output only; input as text)'
quoted\t'nanocat\'s C-escaped string in double quotes, one per line; input parses it back'
hex\t'Lowercase hex, one message per line; input also takes upper case and "\\x68\\x69"'
msgpack\t'MessagePack bin objects with no delimiter; input takes bin and str objects'
raw\t'The bytes with no delimiter; input: all of stdin is one message'
json\t'One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same'
no\t'Print nothing (nanocat\'s and nngcat\'s --format no); input as text'"
complete -c nn_respondent -l topic-split -d 'In json, split each message at the first SEP into "topic" and "data"; on input, join a record\'s "topic" and "data" with SEP' -r
complete -c nn_respondent -l send-timeout -d 'Give up sending after T with no peer to take the message' -r
complete -c nn_respondent -l linger -d 'At exit, wait for sent messages to leave while they move, giving up after T with none taken (0 to skip)' -r
complete -c nn_respondent -l recv-timeout -d 'Give up receiving after T with nothing received' -r
complete -c nn_respondent -s Z -l recv-maxsz -d 'Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger one is skipped with a warning naming its sender (over ws, its connection is closed). 0, or more than this machine can hold, means as much as it can hold: never unlimited (see docs/security.md)' -r
complete -c nn_respondent -s C -l count -d 'Stop after N messages sent (senders), received (receivers), exchanged (req, rep) or forwarded either way (tap); 0: no limit' -r
complete -c nn_respondent -l socket-name -d 'Name of the socket (NN_SOCKET_NAME), shown in nanomsg\'s own statistics' -r
complete -c nn_respondent -l log-format -d 'Lines on stderr as text, or as JSON objects (level, message, reason) with events a harness waits for: bound, connected, disconnected (docs/harness.md)' -r -f -a "text\t'`nncat: ...` lines for people'
json\t'One JSON object per line, for harnesses'"
complete -c nn_respondent -l echo -d 'Answer every request with the request itself'
complete -c nn_respondent -s k -l insecure -d 'Do not verify the peer\'s certificate (the connection is still encrypted)'
complete -c nn_respondent -s A -l ascii -d 'Same as --format ascii'
complete -c nn_respondent -s Q -l quoted -d 'Same as --format quoted'
complete -c nn_respondent -l hex -d 'Same as --format hex'
complete -c nn_respondent -l msgpack -d 'Same as --format msgpack'
complete -c nn_respondent -l raw -d 'Same as --format raw'
complete -c nn_respondent -s 0 -l null -d 'Separate records with NUL instead of newline (text, ascii, quoted, hex, json)'
complete -c nn_respondent -l timestamp -d 'Add the receive time to each record: "time" in json, a prefix before each line in text, ascii, quoted and hex (not with msgpack or raw, which have no lines)'
complete -c nn_respondent -s v -l verbose -d 'Report endpoints, connection events and counts on stderr'
complete -c nn_respondent -l stats -d 'At exit, print messages and bytes sent and received, time and rates on stderr; req and surveyor add round-trip times (min, p50, p90, p99, max)'
complete -c nn_respondent -l progress -d 'While stdout is not a terminal, show a live count of messages on stderr'
complete -c nn_respondent -s q -l quiet -l silent -d 'No warnings or notices on stderr (errors are still printed)'
complete -c nn_respondent -l async -d 'nngcat\'s: connect in the background; nncat always does, as nanocat did'
complete -c nn_respondent -l compat -d 'nngcat\'s: behave like nanocat; nncat\'s connects and --pair always do'
complete -c nn_respondent -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nncat -n "__fish_nncat_using_subcommand tap; and not __fish_seen_subcommand_from push pull pub sub req rep pair bus surveyor respondent" -f -a "push pull pub sub req rep pair bus surveyor respondent"
complete -c nncat -n "__fish_nncat_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a "bash elvish fish powershell zsh"
