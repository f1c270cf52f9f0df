import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Join storm load driver (JDK only: `java JoinStorm.java <baseUrl> <students> <concurrency> [warm-up rounds]`).
 * Needs a Lectern started with the local profile (development issuer, seeded school north-high).
 * Setup (not timed): creates the students through the admin API and mints their tokens; a teacher
 * schedules and starts a class. Timed: every student POSTs /sessions/{id}/join once, with
 * `concurrency` requests in flight. Prints joins/s and latency percentiles, then checks in the
 * class's event log that exactly one participant.joined per student was appended.
 */
public class JoinStorm {

    static final String TENANT = "north-high";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://localhost:8080";
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        String run = UUID.randomUUID().toString().substring(0, 8);

        int warmupRounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String admin = token("admin@" + TENANT);
        ExecutorService setup = Executors.newFixedThreadPool(16);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            String subject = "storm-" + run + "-" + i;
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
                return token(subject);
            }));
        }
        List<String> studentTokens = new ArrayList<>();
        for (Future<String> t : tokens) {
            studentTokens.add(t.get());
        }
        setup.shutdown();
        String teacher = token("teacher@" + TENANT);
        // A running node is warm. Its JIT keeps compiling for thousands of requests (C2 was still at ~60% of a
        // core after 1,200 joins), so warm up with `rounds` full storms into other classes (not measured).
        for (int round = 0; round < warmupRounds; round++) {
            String warm = field(
                    call(
                            "POST",
                            "/sessions",
                            teacher,
                            "{\"title\":\"Warm-up " + run + " " + round
                                    + "\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":60}",
                            201),
                    "sessionId");
            call("POST", "/sessions/" + warm + "/start", teacher, null, 200);
            ExecutorService warming = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> done = new ArrayList<>();
            for (String student : studentTokens) {
                done.add(warming.submit(() -> call("POST", "/sessions/" + warm + "/join", student, null, 200)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            warming.shutdown();
        }
        System.out.println("warm-up: " + warmupRounds + " rounds of " + students + " joins into other classes");
        String session = field(
                call(
                        "POST",
                        "/sessions",
                        teacher,
                        "{\"title\":\"Join storm " + run
                                + "\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":60}",
                        201),
                "sessionId");
        call("POST", "/sessions/" + session + "/start", teacher, null, 200);

        System.out.println("setup done: storm begins");
        ExecutorService storm = Executors.newFixedThreadPool(concurrency);
        long[] latencies = new long[students];
        List<Future<?>> joins = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < students; i++) {
            int n = i;
            joins.add(storm.submit(() -> {
                long t0 = System.nanoTime();
                call("POST", "/sessions/" + session + "/join", studentTokens.get(n), null, 200);
                latencies[n] = System.nanoTime() - t0;
                return null;
            }));
        }
        for (Future<?> join : joins) {
            join.get();
        }
        long elapsed = System.nanoTime() - start;
        storm.shutdown();

        long[] inOrder = latencies.clone();
        StringBuilder trend = new StringBuilder();
        int tenth = Math.max(1, students / 10);
        for (int i = 0; i + tenth <= students; i += tenth) {
            trend.append(String.format(
                    " %.1f", Arrays.stream(inOrder, i, i + tenth).average().orElse(0) / 1e6));
        }
        System.out.println("mean latency by tenth of the storm (ms):" + trend);
        Arrays.sort(latencies);
        System.out.printf(
                "join storm: %d joins, concurrency %d, %.2f s, %.0f joins/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                students,
                concurrency,
                elapsed / 1e9,
                students / (elapsed / 1e9),
                ms(latencies, 0.50),
                ms(latencies, 0.90),
                ms(latencies, 0.99),
                latencies[students - 1] / 1e6);

        int joined = 0;
        String after = "0";
        while (true) {
            String page = call("GET", "/sessions/" + session + "/events?limit=1000&after=" + after, teacher, null, 200);
            Matcher names = Pattern.compile("\"name\":\"participant\\.joined\"").matcher(page);
            while (names.find()) {
                joined++;
            }
            Matcher next = Pattern.compile("\"next\":\"[^\"]*after=(\\d+)").matcher(page);
            if (!next.find()) {
                break;
            }
            after = next.group(1);
        }
        System.out.printf(
                "event log: %d participant.joined for %d students (%s)%n",
                joined, students, joined == students ? "exactly once each" : "MISMATCH");
        if (joined != students) {
            System.exit(1);
        }
    }

    static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static String token(String subject) throws Exception {
        return field(
                call(
                        "POST",
                        "/dev/tokens",
                        null,
                        "{\"tenant\":\"" + TENANT + "\",\"subject\":\"" + subject + "\"}",
                        200),
                "accessToken");
    }

    static String call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
