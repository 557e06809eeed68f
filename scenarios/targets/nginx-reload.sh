#!/bin/sh
# Starts or reloads the nginx of an export folder and waits until it serves the new generation.
set -eu
dir=$(cd "$1" && pwd)
generation=$(sed -n 's#.*location = /__ztna/generation { return 200 "\([0-9]*\).*#\1#p' "$dir/nginx.conf")
port=$(sed -n 's#.*listen 127.0.0.1:\([0-9]*\) ssl;#\1#p' "$dir/nginx.conf")
if [ -s "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
  nginx -p "$dir" -c "$dir/nginx.conf" -s reload
else
  nginx -p "$dir" -c "$dir/nginx.conf"
fi
# Old workers may take a connection or two after a reload: wait for three answers in a row.
i=0
streak=0
while [ "$i" -lt 200 ]; do
  served=$(openssl s_client -quiet -connect "127.0.0.1:$port" -servername localhost 2>/dev/null <<REQUEST | tail -n 1 || true
GET /__ztna/generation HTTP/1.0
Host: localhost

REQUEST
)
  if [ "$served" = "$generation" ]; then streak=$((streak + 1)); else streak=0; fi
  [ "$streak" -ge 3 ] && exit 0
  i=$((i + 1))
  [ "$streak" -eq 0 ] && sleep 0.05
done
echo "nginx did not serve generation $generation" >&2
exit 1
