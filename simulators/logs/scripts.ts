/**
 * What the simulated containers run: busybox `sh` loops that log like the services on-call engineers
 * read every day — an HTTP service (access lines, JSON app logs, ANSI colours, a Node.js stack trace
 * on stderr), a Python job worker (logging module format, retries, a traceback) and PostgreSQL
 * (its LOG/ERROR/DETAIL/STATEMENT lines). Each loop sleeps between lines: a few lines a second.
 */

/** `$(now)` prints the time the way each program would, with milliseconds from $RANDOM. */
const PRELUDE = `
ms() { printf '%03d' $((RANDOM % 1000)); }
iso() { echo "$(date -u +%Y-%m-%dT%H:%M:%S).$(ms)Z"; }
pick() { shift $((RANDOM % $#)); echo "$1"; }
`;

export const WEB_SCRIPT = `${PRELUDE}
printf '\\033[32mINFO\\033[0m  server listening on \\033[1m:8080\\033[0m (pid 1, node v20.20.2)\\n'
i=0
while true; do
  i=$((i + 1))
  r=$RANDOM
  path=$(pick /api/orders /api/orders/$((r % 900)) /api/cart /api/users/me /health /api/search?q=shoes)
  method=$(pick GET GET GET POST)
  status=$(pick 200 200 200 200 201 204 304 404)
  echo "10.0.$((r % 4)).$((r % 250)) - - [$(date -u '+%d/%b/%Y:%H:%M:%S +0000')] \\"$method $path HTTP/1.1\\" $status $((r % 4000)) \\"-\\" \\"Mozilla/5.0\\" rt=0.$(ms)"
  if [ $((i % 5)) -eq 0 ]; then
    echo "{\\"level\\":\\"info\\",\\"time\\":\\"$(iso)\\",\\"msg\\":\\"request completed\\",\\"method\\":\\"$method\\",\\"path\\":\\"$path\\",\\"status\\":$status,\\"duration_ms\\":$((r % 300)),\\"user\\":{\\"id\\":$((r % 5000)),\\"plan\\":\\"$(pick free pro team)\\"}}"
  fi
  if [ $((i % 17)) -eq 0 ]; then
    echo "{\\"level\\":\\"warn\\",\\"time\\":\\"$(iso)\\",\\"msg\\":\\"slow upstream\\",\\"upstream\\":\\"payments\\",\\"duration_ms\\":$((1000 + r % 4000))}"
  fi
  if [ $((i % 13)) -eq 0 ]; then
    printf '\\033[33mWARN\\033[0m  cache miss ratio \\033[1m%d%%\\033[0m over the last minute\\n' $((30 + r % 40))
  fi
  if [ $((i % 37)) -eq 0 ]; then
    {
      echo "Error: connect ECONNREFUSED 10.0.0.7:5432"
      echo "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"
      echo "    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)"
      echo "    at async OrdersRepository.create (/app/src/orders/repository.js:31:18)"
      echo "    at async handleCheckout (/app/src/routes/checkout.js:58:5)"
    } >&2
  fi
  sleep 0.$(( 2 + RANDOM % 6 ))
done
`;

export const WORKER_SCRIPT = `${PRELUDE}
stamp() { echo "$(date -u '+%Y-%m-%d %H:%M:%S'),$(ms)"; }
echo "$(stamp) INFO [main] worker started: queues=emails,reports,thumbnails concurrency=4"
i=0
while true; do
  i=$((i + 1))
  r=$RANDOM
  queue=$(pick emails reports thumbnails thumbnails)
  echo "$(stamp) INFO [worker-$((r % 4))] job $((40000 + i)) ($queue) processed in $((20 + r % 900))ms"
  if [ $((i % 4)) -eq 0 ]; then
    echo "$(stamp) DEBUG [scheduler] queue depth emails=$((r % 30)) reports=$((r % 5)) thumbnails=$((r % 80))"
  fi
  if [ $((i % 11)) -eq 0 ]; then
    echo "$(stamp) WARNING [worker-$((r % 4))] job $((40000 + i)) ($queue) failed, retry $((1 + r % 3))/5 in $((2 ** (1 + r % 4)))s: SMTP 451 try again later"
  fi
  if [ $((i % 29)) -eq 0 ]; then
    {
      echo "$(stamp) ERROR [worker-$((r % 4))] job $((40000 + i)) (emails) gave up after 5 attempts"
      echo "Traceback (most recent call last):"
      echo '  File "/app/worker/runner.py", line 88, in run'
      echo "    result = handler(job.payload)"
      echo '  File "/app/worker/jobs/email.py", line 21, in send_receipt'
      echo "    smtp.send_message(message)"
      echo "ConnectionResetError: [Errno 104] Connection reset by peer"
    } >&2
  fi
  sleep 0.$(( 4 + RANDOM % 6 ))
done
`;

export const DB_SCRIPT = `${PRELUDE}
stamp() { echo "$(date -u '+%Y-%m-%d %H:%M:%S').$(ms) UTC"; }
echo "$(stamp) [1] LOG:  database system is ready to accept connections"
i=0
while true; do
  i=$((i + 1))
  r=$RANDOM
  pid=$((100 + r % 60))
  echo "$(stamp) [$pid] LOG:  duration: $((r % 40)).$(ms) ms  statement: SELECT id, status FROM orders WHERE customer_id = $((r % 5000))"
  if [ $((i % 9)) -eq 0 ]; then
    echo "$(stamp) [$pid] LOG:  duration: $((1000 + r % 3000)).$(ms) ms  statement: SELECT date_trunc('day', created_at), sum(total) FROM orders GROUP BY 1"
  fi
  if [ $((i % 23)) -eq 0 ]; then
    echo "$(stamp) [$pid] ERROR:  duplicate key value violates unique constraint \\"orders_pkey\\""
    echo "$(stamp) [$pid] DETAIL:  Key (id)=($((r % 90000))) already exists."
    echo "$(stamp) [$pid] STATEMENT:  INSERT INTO orders (id, customer_id, total) VALUES ($((r % 90000)), $((r % 5000)), 42.00)"
  fi
  if [ $((i % 31)) -eq 0 ]; then
    echo "$(stamp) [$pid] WARNING:  there is no transaction in progress"
  fi
  if [ $((i % 47)) -eq 0 ]; then
    echo "$(stamp) [$pid] FATAL:  password authentication failed for user \\"report\\""
  fi
  if [ $((i % 60)) -eq 0 ]; then
    echo "$(stamp) [1] LOG:  checkpoint starting: time"
    echo "$(stamp) [1] LOG:  checkpoint complete: wrote $((r % 900)) buffers ($((r % 9)).$((r % 10))%); write=$((r % 30)).$(ms) s"
  fi
  sleep 0.$(( 3 + RANDOM % 7 ))
done
`;
