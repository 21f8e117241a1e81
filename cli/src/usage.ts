/** What `juyifu --help` and a wrong command line print. */

export const MAIN_USAGE = `Usage: juyifu <command> [options]

Commands:
  listen --forward-to URL   Forward this app's sandbox events to a URL on your machine
  trigger TYPE              Make the sandbox send an event of TYPE

Credentials and sandbox, for every command:
  --app-id ID               or JUYIFU_APP_ID
  --app-secret SECRET       or JUYIFU_APP_SECRET
  --sandbox URL             or JUYIFU_SANDBOX_URL (default http://127.0.0.1:4010)

Run "juyifu <command> --help" for a command's options.
Exit codes: 0 done, 1 wrong command line or other error, 2 credentials refused, 3 sandbox unreachable.`;

export const LISTEN_USAGE = `Usage: juyifu listen --forward-to URL [--sandbox URL] [--app-id ID --app-secret SECRET]

Reads the app's event stream from the sandbox and POSTs each event to URL with the body and the
JuYiFu-Signature header exactly as the sandbox signed them (plus JuYiFu-Event-Id), printing one
line per event: "<status> <event id> <type> <ms> ms". A dropped stream is reopened after the last
event forwarded, so none is lost or sent twice. Ctrl-C stops it.

Options:
  --forward-to URL          Where to POST each event, e.g. http://localhost:8080/notify
  --app-id ID               or JUYIFU_APP_ID
  --app-secret SECRET       or JUYIFU_APP_SECRET
  --sandbox URL             or JUYIFU_SANDBOX_URL (default http://127.0.0.1:4010)
  -h, --help                This text`;

export const TRIGGER_USAGE = `Usage: juyifu trigger TYPE [--notify-url URL] [--sandbox URL] [--app-id ID --app-secret SECRET]

Makes the sandbox create what an event of TYPE needs (an order; a refund for refund.*) and send the
event: to the event stream (so "juyifu listen" forwards it) and to --notify-url when given.
Prints the event's id and type. TYPE is one of payment.paid, payment.failed, payment.closed,
refund.succeeded, refund.failed.

Options:
  --notify-url URL          Also send the event to this address (it must be one the sandbox can reach)
  --app-id ID               or JUYIFU_APP_ID
  --app-secret SECRET       or JUYIFU_APP_SECRET
  --sandbox URL             or JUYIFU_SANDBOX_URL (default http://127.0.0.1:4010)
  -h, --help                This text`;
