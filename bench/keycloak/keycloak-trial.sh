#!/usr/bin/env bash
# Keycloak 26 end to end with Lectern (docs/identity.md "Keycloak setup", docs/adr/0027). Not a CI test: it
# downloads Keycloak from Maven Central, starts it (first start ~90 s, ~540 MB), configures a realm with kcadm,
# starts Lectern against it (without the local profile) and proves that a new teacher signs in, is provisioned
# with the mapped role, appears by name in the roster and in the LiveKit token's `name`.
#
# Needs: a built Lectern jar (mvn -o -q -DskipTests -Dspotless.check.skip=true package; $LECTERN_JAR, default
# platform/target/lectern.jar, with its embedded/ directory next to it),
# a PostgreSQL reachable at $PGURL (a database lectern_kc is created there), java 17+, curl, jq, unzip, python3.
# Ports: Keycloak $KC_PORT (9180), Lectern $LECTERN_PORT (18130), a LiveKit stand-in $LIVEKIT_PORT (18131).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${KC_WORK:-/tmp/lectern-keycloak}
KC_VERSION=26.0.7
KC_PORT=${KC_PORT:-9180}
LECTERN_PORT=${LECTERN_PORT:-18130}
LIVEKIT_PORT=${LIVEKIT_PORT:-18131}
PGURL=${PGURL:-postgresql://postgres@127.0.0.1:5432}
KC=http://127.0.0.1:$KC_PORT
API=http://127.0.0.1:$LECTERN_PORT
LIVEKIT_SECRET=trial-secret-trial-secret-trial-secret
LECTERN_JAR=${LECTERN_JAR:-$ROOT/platform/target/lectern.jar}
mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# --- 1. Keycloak from Maven Central ---------------------------------------------------------
if [ ! -d "$WORK/keycloak-$KC_VERSION" ]; then
  say "download Keycloak $KC_VERSION"
  (cd "$WORK" && mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -DoutputDirectory="$WORK")
  unzip -q "$WORK/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$WORK"
fi
KCDIR=$WORK/keycloak-$KC_VERSION
say "start Keycloak on $KC"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KCDIR/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" --hostname="$KC" \
  > "$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 900); do curl -sf "$KC/realms/master" > /dev/null && break; sleep 1; done
curl -sf "$KC/realms/master" > /dev/null || { echo "Keycloak did not start"; tail -30 "$WORK/keycloak.log"; exit 1; }

# --- 2. Realm, client, audience and tenant mappers, realm roles, users ----------------------
kcadm() { "$KCDIR/bin/kcadm.sh" "$@"; }
say "configure realm lectern"
kcadm config credentials --server "$KC" --realm master --user admin --password admin
kcadm create realms -s realm=lectern -s enabled=true
# The tenant attribute: declared in the user profile (Keycloak 24+ drops undeclared attributes), admin-editable only.
kcadm get users/profile -r lectern > "$WORK/profile.json"
jq '.attributes += [{"name":"tenant","displayName":"Lectern tenant","permissions":{"view":["admin"],"edit":["admin"]},"multivalued":false}]' \
  "$WORK/profile.json" > "$WORK/profile-tenant.json"
kcadm update users/profile -r lectern -f "$WORK/profile-tenant.json"
# A client for this script: public, with direct access grants (password grant) so curl can sign people in.
# A real UI uses a public client with the standard flow + PKCE instead (docs/identity.md).
CLIENT_ID=$(kcadm create clients -r lectern -s clientId=lectern-ui -s publicClient=true \
  -s directAccessGrantsEnabled=true -s standardFlowEnabled=false -i)
SCOPE_ID=$(kcadm create client-scopes -r lectern -s name=lectern -s protocol=openid-connect -i)
kcadm create "client-scopes/$SCOPE_ID/protocol-mappers/models" -r lectern -s name=lectern-audience \
  -s protocol=openid-connect -s protocolMapper=oidc-audience-mapper \
  -s 'config."included.custom.audience"=lectern' -s 'config."access.token.claim"=true' -s 'config."id.token.claim"=false'
kcadm create "client-scopes/$SCOPE_ID/protocol-mappers/models" -r lectern -s name=tenant \
  -s protocol=openid-connect -s protocolMapper=oidc-usermodel-attribute-mapper \
  -s 'config."user.attribute"=tenant' -s 'config."claim.name"=tenant' -s 'config."jsonType.label"=String' \
  -s 'config."access.token.claim"=true' -s 'config."id.token.claim"=false' -s 'config."multivalued"=false'
kcadm update "clients/$CLIENT_ID/default-client-scopes/$SCOPE_ID" -r lectern
kcadm create roles -r lectern -s name=lectern-teacher
kcadm create roles -r lectern -s name=lectern-student
person() { # username first last tenant role
  kcadm create users -r lectern -s username="$1" -s firstName="$2" -s lastName="$3" -s email="$1@$4.example.edu" \
    -s emailVerified=true -s enabled=true -s "attributes.tenant=[\"$4\"]"
  kcadm set-password -r lectern --username "$1" --new-password "pw-$1"
  [ -n "${5:-}" ] && kcadm add-roles -r lectern --uusername "$1" --rolename "$5"
  kcadm get users -r lectern -q username="$1" --fields id --format csv --noquotes
}
GRACE=$(person grace Grace Hopper north-high "")
ADA=$(person ada Ada Lovelace north-high lectern-teacher)
SAM=$(person sam Sam Student north-high lectern-student)
ERIN=$(person erin Erin East east-high "")
echo "subjects: grace=$GRACE ada=$ADA sam=$SAM erin=$ERIN"
token() { curl -sf -X POST "$KC/realms/lectern/protocol/openid-connect/token" \
  -d grant_type=password -d client_id=lectern-ui -d "username=$1" -d "password=pw-$1" -d scope=openid | jq -r .access_token; }
claims() { cut -d. -f2 <<< "$1" | tr '_-' '/+' | base64 -d 2>/dev/null || true; }
say "Ada's access token (claims)"
claims "$(token ada)" | jq '{iss, aud, sub, tenant, name, preferred_username, email, realm_access}' || claims "$(token ada)"

# --- 3. A LiveKit stand-in: answers CreateRoom with the room it was asked for (protobuf) -----
cat > "$WORK/livekit_standin.py" <<'EOF'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        out = b''
        if self.path.endswith('/CreateRoom') and body[:1] == b'\x0a':
            name = body[2:2 + body[1]]
            out = b'\x12' + bytes([len(name)]) + name
        self.send_response(200); self.send_header('Content-Type', 'application/protobuf')
        self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
EOF
python3 "$WORK/livekit_standin.py" "$LIVEKIT_PORT" & PIDS+=($!)

# --- 4. Lectern against Keycloak (no local profile) -----------------------------------------
say "start Lectern on $API"
psql "$PGURL/postgres" -qc 'DROP DATABASE IF EXISTS lectern_kc' -c 'CREATE DATABASE lectern_kc'
(cd "$ROOT" && DATABASE_URL="$PGURL/lectern_kc" LECTERN_DATA_DIR="$WORK/lectern-data" \
  OIDC_ISSUER_URI="$KC/realms/lectern" OIDC_AUDIENCE=lectern \
  LECTERN_BOOTSTRAP_ADMIN="north-high:$GRACE" LECTERN_OPERATORS="north-high/$GRACE" \
  LECTERN_JIT_PROVISIONING=true LECTERN_ROLE_CLAIM=realm_access.roles \
  LECTERN_ROLE_MAPPING=lectern-teacher=teacher,lectern-student=student \
  LIVEKIT_URL="http://127.0.0.1:$LIVEKIT_PORT" LIVEKIT_API_KEY=trialkey LIVEKIT_API_SECRET="$LIVEKIT_SECRET" \
  exec java -jar "$LECTERN_JAR" --server.port="$LECTERN_PORT" > "$WORK/lectern.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 600); do curl -sf "$API/actuator/health" > /dev/null && break; sleep 1; done
curl -sf "$API/actuator/health" > /dev/null || { echo "Lectern did not start"; tail -40 "$WORK/lectern.log"; exit 1; }

call() { # method path token [body]
  curl -s -X "$1" "$API$2" -H "Authorization: Bearer $3" -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    -H 'Content-Type: application/json' ${4:+-d "$4"}; }

say "Ada (new teacher, unknown to Lectern) schedules a class: JIT provisioning with the mapped role"
ADA_TOKEN=$(token ada)
STARTS=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
SESSION=$(call POST /sessions "$ADA_TOKEN" "{\"title\":\"Keycloak class\",\"startsAt\":\"$STARTS\",\"durationMinutes\":45}" | jq -r .sessionId)
echo "session $SESSION"
psql "$PGURL/lectern_kc" -Atc "SELECT u.subject, u.display_name, u.email, string_agg(r.role || ' by ' || r.granted_by, ', ')
  FROM users u LEFT JOIN user_roles r USING (tenant_id, user_id) GROUP BY 1, 2, 3 ORDER BY 2"
psql "$PGURL/lectern_kc" -Atc "SELECT actor_subject, actor_display_name, action, subject_id, reason FROM audit_log ORDER BY audit_id"

say "start, Ada and Sam join; Sam's LiveKit token"
call POST "/sessions/$SESSION/start" "$ADA_TOKEN" | jq -c '{status}' || true
call POST "/sessions/$SESSION/join" "$ADA_TOKEN" | jq -c '{classRole, media}'
SAM_TOKEN=$(token sam)
JOIN=$(call POST "/sessions/$SESSION/join" "$SAM_TOKEN")
echo "$JOIN" | jq -c '{classRole, media}'
echo "LiveKit token claims:"; claims "$(jq -r .token <<< "$JOIN")" | jq -c '{sub, name, video}'
sleep 2
say "roster as Ada sees it"
curl -s "$API/sessions/$SESSION/state" -H "Authorization: Bearer $ADA_TOKEN" | jq -c '.roster[] | {subject, displayName, classRole}'

say "operator (Grace) creates east-high at run time; Erin, its first admin, signs in without a restart"
GRACE_TOKEN=$(token grace)
call POST /operator/tenants "$GRACE_TOKEN" "{\"id\":\"east-high\",\"name\":\"East High\",\"firstAdmin\":{\"subject\":\"$ERIN\"}}" | jq -c .
curl -s "$API/admin/users" -H "Authorization: Bearer $(token erin)" | jq -c '.[] | {subject, displayName, email, roles}' 2>/dev/null \
  || curl -s "$API/admin/users" -H "Authorization: Bearer $(token erin)"
say "done (logs in $WORK)"
