import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out load driver (JDK only: `java SseFanout.java <baseUrl> <subscribers> <actions> <lecternPid>`).
 * Needs a Lectern started with the local profile (development issuer, seeded school north-high).
 *
 * Setup (not timed): N students are created through the admin API; a teacher schedules and starts a
 * class; every student opens GET /sessions/{id}/stream (one HTTP connection each) and gets its state
 * event. Memory: the node's heap and direct buffers after a full GC, before and after the N
 * connections (live heap after a full GC, and the process's resident memory), divided by N. Timed: the teacher grants or takes back a permission every 100 ms; for
 * each action, the time from sending it and from its HTTP answer ("accepted") to the moment the LAST
 * of the N subscribers has received its event. Warm-up actions first (not counted). Finally checks
 * that every subscriber got every action's event exactly once.
 */
public class SseFanout {

    static final String TENANT = "north-high";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static String base;

    /** Per action (k-th permission event): how many subscribers have it, and when the last one got it. */
    static final ConcurrentHashMap<Integer, AtomicInteger> received = new ConcurrentHashMap<>();

    static final ConcurrentHashMap<Integer, AtomicLong> lastArrival = new ConcurrentHashMap<>();
    static final AtomicInteger duplicates = new AtomicInteger();
    static final AtomicInteger states = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://localhost:8080";
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int actions = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String pid = args.length > 3 ? args[3] : null;
        int warmup = Math.max(50, actions / 5);
        String run = UUID.randomUUID().toString().substring(0, 8);

        String admin = token("admin@" + TENANT);
        ExecutorService setup = Executors.newFixedThreadPool(16);
        List<Future<String[]>> tokens = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String subject = "sse-" + run + "-" + i;
            tokens.add(setup.submit(() -> {
                String user = field(
                        call(
                                "POST",
                                "/admin/users",
                                admin,
                                "{\"subject\":\"" + subject + "\",\"displayName\":\"Student " + subject + "\"}",
                                201),
                        "userId");
                call("PUT", "/admin/users/" + user + "/roles/student", admin, null, 200);
                return new String[] {user, token(subject)};
            }));
        }
        List<String> studentTokens = new ArrayList<>();
        List<String> studentIds = new ArrayList<>();
        for (Future<String[]> t : tokens) {
            studentIds.add(t.get()[0]);
            studentTokens.add(t.get()[1]);
        }
        setup.shutdown();
        String teacher = token("teacher@" + TENANT);
        String session = field(
                call(
                        "POST",
                        "/sessions",
                        teacher,
                        "{\"title\":\"Fan-out " + run
                                + "\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":60}",
                        201),
                "sessionId");
        call("POST", "/sessions/" + session + "/start", teacher, null, 200);
        call("POST", "/sessions/" + session + "/join", studentTokens.get(0), null, 200);
        String target = studentIds.get(0);
        Thread.sleep(500);

        long[] before = memory(pid);
        for (String token : studentTokens) {
            subscribe(session, token);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (states.get() < subscribers && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        System.out.printf("subscribers connected: %d of %d%n", states.get(), subscribers);
        long[] after = memory(pid);
        if (before != null && after != null) {
            System.out.printf(
                    "memory per connection: heap %.1f KiB live after full GC (%d -> %d MiB), "
                            + "process resident %.1f KiB (%d -> %d MiB)%n",
                    (after[0] - before[0]) / 1024.0 / subscribers,
                    before[0] >> 20,
                    after[0] >> 20,
                    (after[1] - before[1]) / 1024.0 / subscribers,
                    before[1] >> 20,
                    after[1] >> 20);
        }

        if (pid != null && System.getenv("HISTOGRAM") != null) {
            jcmd(pid, "GC.class_histogram").lines().limit(30).forEach(System.out::println);
        }

        int total = warmup + actions;
        long[] sent = new long[total];
        long[] accepted = new long[total];
        long start = System.nanoTime();
        for (int k = 0; k < total; k++) {
            long due = start + k * 100_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String action = k % 2 == 0 ? "grant" : "revoke";
            sent[k] = System.nanoTime();
            call(
                    "POST",
                    "/sessions/" + session + "/permissions",
                    teacher,
                    "{\"userId\":\"" + target + "\",\"permission\":\"present\",\"action\":\"" + action + "\"}",
                    200);
            accepted[k] = System.nanoTime();
        }
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && countOf(total - 1) < subscribers) {
            Thread.sleep(50);
        }

        long[] fromAccepted = new long[actions];
        long[] fromSent = new long[actions];
        int incomplete = 0;
        for (int k = warmup; k < total; k++) {
            if (countOf(k) < subscribers) {
                incomplete++;
            }
            long last =
                    lastArrival.getOrDefault(k, new AtomicLong(Long.MAX_VALUE)).get();
            fromAccepted[k - warmup] = Math.max(0, last - accepted[k]);
            fromSent[k - warmup] = last - sent[k];
        }
        System.out.printf(
                "actions: %d measured (after %d warm-up), one every 100 ms, %d subscribers%n",
                actions, warmup, subscribers);
        report("command accepted -> last subscriber", fromAccepted);
        report("command sent     -> last subscriber", fromSent);
        long[] commands = new long[actions];
        for (int k = warmup; k < total; k++) {
            commands[k - warmup] = accepted[k] - sent[k];
        }
        report("command round trip (HTTP)         ", commands);
        System.out.printf(
                "delivery: %d actions reached every subscriber, %d did not; %d duplicate deliveries%n",
                actions - incomplete, incomplete, duplicates.get());
        System.exit(0);
    }

    static int countOf(int k) {
        AtomicInteger n = received.get(k);
        return n == null ? 0 : n.get();
    }

    static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One SSE connection; counts the k-th permission event it sees as action k. */
    static void subscribe(String session, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sessions/" + session + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
            String event;
            int actionsSeen;
            long lastId = -1;

            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(String line) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    long id = Long.parseLong(line.substring(3).trim());
                    if (id <= lastId) {
                        duplicates.incrementAndGet();
                    }
                    lastId = Math.max(lastId, id);
                } else if (line.isEmpty() && event != null) {
                    if (event.equals("state")) {
                        states.incrementAndGet();
                    } else if (event.startsWith("permission.")) {
                        int k = actionsSeen++;
                        long now = System.nanoTime();
                        received.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                        lastArrival.computeIfAbsent(k, x -> new AtomicLong()).accumulateAndGet(now, Math::max);
                    }
                    event = null;
                }
            }

            public void onError(Throwable t) {
                System.err.println("stream failed: " + t);
            }

            public void onComplete() {}
        }));
    }

    /** Heap used after a full GC (jcmd GC.heap_info) and the process's resident memory, or null without a pid. */
    static long[] memory(String pid) throws Exception {
        if (pid == null) {
            return null;
        }
        jcmd(pid, "GC.run");
        Thread.sleep(300);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        long heap = used.find() ? Long.parseLong(used.group(1)) * 1024 : 0;
        long rss = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new long[] {heap, rss};
    }

    static String jcmd(String pid, String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", pid, command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    static String token(String subject) throws Exception {
        return field(
                call(
                        "POST",
                        "/dev/tokens",
                        null,
                        "{\"subject\":\"" + subject + "\",\"tenant\":\"" + TENANT + "\"}",
                        200),
                "accessToken");
    }

    static String call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!method.equals("GET")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
