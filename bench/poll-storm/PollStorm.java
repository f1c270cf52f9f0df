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
 * Poll storm load driver (JDK only: `java PollStorm.java <baseUrl> <students> <concurrency> [warm-up rounds] [duplicates]`).
 * Needs a Lectern started with the local profile (development issuer, seeded school north-high).
 * Setup (not timed): creates the students through the admin API and mints their tokens; a teacher schedules and starts
 * a class and opens a single-choice poll with 4 options. Timed: every student POSTs one vote (student i chooses i % 4),
 * then `duplicates` students vote again with a new Idempotency-Key, all through one pool with `concurrency` requests in
 * flight. Prints votes/s and latency percentiles, then closes and publishes the poll and checks that the published tally
 * is exactly the votes sent and that every duplicate was refused with 409 ALREADY_VOTED.
 */
public class PollStorm {

    static final String TENANT = "north-high";
    static final int OPTIONS = 4;
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static String base;

    record Outcome(int status, String body, long nanos) {}

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://localhost:8080";
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int warmupRounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int duplicates = Math.min(students, args.length > 4 ? Integer.parseInt(args[4]) : 100);
        long serverPid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        String run = UUID.randomUUID().toString().substring(0, 8);

        String admin = token("admin@" + TENANT);
        ExecutorService setup = Executors.newFixedThreadPool(16);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            String subject = "voter-" + run + "-" + i;
            tokens.add(setup.submit(() -> {
                String user = field(
                        call(
                                        "POST",
                                        "/admin/users",
                                        admin,
                                        "{\"subject\":\"" + subject + "\",\"displayName\":\"Student " + subject + "\"}",
                                        201)
                                .body(),
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
        String session = field(
                call(
                                "POST",
                                "/sessions",
                                teacher,
                                "{\"title\":\"Poll storm " + run
                                        + "\",\"startsAt\":\"2030-01-01T09:00:00Z\",\"durationMinutes\":60}",
                                201)
                        .body(),
                "sessionId");
        call("POST", "/sessions/" + session + "/start", teacher, null, 200);

        // A running node is warm: full storms on other polls first (not measured), each closed and published.
        // Each round's rate and server CPU per vote are printed: the median of the later rounds is steadier than
        // one storm on a shared 2-core machine.
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < warmupRounds; round++) {
            String poll = openPoll(teacher, session, "Warm-up " + round);
            double[] cpu0 = Cpu.sample(serverPid);
            long t0 = System.nanoTime();
            storm(session, poll, studentTokens, 0, concurrency);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] cpu = Cpu.since(cpu0, serverPid);
            rounds.add(new double[] {students / seconds, cpu[0] * 1000 / students, cpu[1] * 1000 / students});
            System.out.printf(
                    "warm-up round %d: %.0f votes/s, server CPU %.2f ms/vote (Lectern %.2f, PostgreSQL %.2f)%n",
                    round,
                    students / seconds,
                    (cpu[0] + cpu[1]) * 1000 / students,
                    cpu[0] * 1000 / students,
                    cpu[1] * 1000 / students);
            closeAndPublish(teacher, session, poll);
        }
        System.out.println("warm-up: " + warmupRounds + " rounds of " + students + " votes on other polls");
        if (rounds.size() >= 4) {
            List<double[]> later = rounds.subList(rounds.size() / 2, rounds.size());
            System.out.printf(
                    "later warm-up rounds (%d): median %.0f votes/s, median server CPU %.2f ms/vote "
                            + "(Lectern %.2f, PostgreSQL %.2f)%n",
                    later.size(),
                    Cpu.median(later, 0),
                    Cpu.median(later, 1) + Cpu.median(later, 2),
                    Cpu.median(later, 1),
                    Cpu.median(later, 2));
        }

        String poll = openPoll(teacher, session, "Poll storm " + run);
        System.out.println("setup done: storm begins");
        double[] stormCpu0 = Cpu.sample(serverPid);
        long start = System.nanoTime();
        List<Outcome> outcomes = storm(session, poll, studentTokens, duplicates, concurrency);
        long elapsed = System.nanoTime() - start;
        double[] stormCpu = Cpu.since(stormCpu0, serverPid);

        long[] votes = new long[students];
        int accepted = 0;
        for (int i = 0; i < students; i++) {
            Outcome o = outcomes.get(i);
            votes[i] = o.nanos();
            if (o.status() == 201) {
                accepted++;
            } else {
                System.out.println("vote " + i + " -> " + o.status() + " " + o.body());
            }
        }
        int refused = 0;
        long[] dupes = new long[duplicates];
        for (int i = 0; i < duplicates; i++) {
            Outcome o = outcomes.get(students + i);
            dupes[i] = o.nanos();
            if (o.status() == 409 && o.body().contains("\"code\":\"ALREADY_VOTED\"")) {
                refused++;
            } else {
                System.out.println("duplicate " + i + " -> " + o.status() + " " + o.body());
            }
        }
        StringBuilder trend = new StringBuilder();
        int tenth = Math.max(1, students / 10);
        for (int i = 0; i + tenth <= students; i += tenth) {
            trend.append(String.format(
                    " %.1f", Arrays.stream(votes, i, i + tenth).average().orElse(0) / 1e6));
        }
        System.out.println("mean vote latency by tenth of the storm (ms):" + trend);
        Arrays.sort(votes);
        Arrays.sort(dupes);
        int requests = students + duplicates;
        System.out.printf(
                "poll storm: %d votes + %d duplicates, concurrency %d, %.2f s, %.0f votes/s (%.0f requests/s), "
                        + "votes p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; duplicates p50 %.1f ms, p99 %.1f ms%n",
                students,
                duplicates,
                concurrency,
                elapsed / 1e9,
                students / (elapsed / 1e9),
                requests / (elapsed / 1e9),
                ms(votes, 0.50),
                ms(votes, 0.90),
                ms(votes, 0.99),
                votes[students - 1] / 1e6,
                duplicates == 0 ? 0 : ms(dupes, 0.50),
                duplicates == 0 ? 0 : ms(dupes, 0.99));

        if (serverPid > 0) {
            System.out.printf(
                    "server CPU during the storm: %.2f ms per request (Lectern %.2f, PostgreSQL %.2f)%n",
                    (stormCpu[0] + stormCpu[1]) * 1000 / requests,
                    stormCpu[0] * 1000 / requests,
                    stormCpu[1] * 1000 / requests);
        }

        String published = closeAndPublish(teacher, session, poll);
        long[] expected = new long[OPTIONS];
        for (int i = 0; i < students; i++) {
            expected[i % OPTIONS]++;
        }
        Matcher counts = Pattern.compile("\"counts\":\\[([0-9,]*)]").matcher(published);
        Matcher ballots = Pattern.compile("\"ballots\":(\\d+)").matcher(published);
        String expectedCounts =
                Arrays.toString(expected).replace(" ", "").replace("[", "").replace("]", "");
        boolean tallyExact = counts.find()
                && ballots.find()
                && counts.group(1).equals(expectedCounts)
                && Long.parseLong(ballots.group(1)) == students;
        System.out.printf(
                "tally: %s (expected ballots %d, counts [%s]); accepted %d of %d votes; duplicates refused %d of %d (%s)%n",
                published,
                students,
                expectedCounts,
                accepted,
                students,
                refused,
                duplicates,
                tallyExact && accepted == students && refused == duplicates
                        ? "exact, every duplicate refused"
                        : "MISMATCH");
        if (!tallyExact || accepted != students || refused != duplicates) {
            System.exit(1);
        }
    }

    /** Every student votes once (student i chooses i % 4), then `duplicates` of them again with new keys; one pool. */
    static List<Outcome> storm(String session, String poll, List<String> students, int duplicates, int concurrency)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Outcome>> futures = new ArrayList<>();
        String path = "/sessions/" + session + "/polls/" + poll + "/votes";
        for (int i = 0; i < students.size() + duplicates; i++) {
            int student = i < students.size() ? i : i - students.size();
            int option = i < students.size() ? student % OPTIONS : (student + 1) % OPTIONS;
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r = send("POST", path, students.get(student), "{\"options\":[" + option + "]}");
                return new Outcome(r.statusCode(), r.body(), System.nanoTime() - t0);
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        return outcomes;
    }

    static String openPoll(String teacher, String session, String question) throws Exception {
        String poll = field(
                call(
                                "POST",
                                "/sessions/" + session + "/polls",
                                teacher,
                                "{\"question\":\"" + question + "\",\"options\":[\"a\",\"b\",\"c\",\"d\"]}",
                                201)
                        .body(),
                "pollId");
        call("POST", "/sessions/" + session + "/polls/" + poll + "/open", teacher, null, 200);
        return poll;
    }

    static String closeAndPublish(String teacher, String session, String poll) throws Exception {
        call("POST", "/sessions/" + session + "/polls/" + poll + "/close", teacher, null, 200);
        return call("POST", "/sessions/" + session + "/polls/" + poll + "/publish", teacher, null, 200)
                .body();
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
                                200)
                        .body(),
                "accessToken");
    }

    static HttpResponse<String> call(String method, String path, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
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
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** CPU seconds used by the Lectern process and by all PostgreSQL processes, read from /proc (Linux only). */
    static final class Cpu {
        static final double TICKS = 100.0;

        static double[] sample(long pid) {
            if (pid <= 0) {
                return new double[] {0, 0};
            }
            double postgres = 0;
            java.io.File[] procs =
                    new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
                String[] stat = stat(proc.toPath().resolve("stat"));
                if (stat != null && stat[1].equals("(postgres)")) {
                    postgres += ticks(stat);
                }
            }
            String[] lectern = stat(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return new double[] {lectern == null ? 0 : ticks(lectern) / TICKS, postgres / TICKS};
        }

        static double[] since(double[] before, long pid) {
            double[] now = sample(pid);
            return new double[] {now[0] - before[0], Math.max(0, now[1] - before[1])};
        }

        static double median(List<double[]> rows, int column) {
            double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
            return values.length % 2 == 1
                    ? values[values.length / 2]
                    : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }

        private static long ticks(String[] stat) {
            return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        }

        private static String[] stat(java.nio.file.Path file) {
            try {
                String text = java.nio.file.Files.readString(file);
                int close = text.lastIndexOf(')');
                String[] rest = text.substring(close + 2).split(" ");
                String[] fields = new String[rest.length + 2];
                fields[0] = text.substring(0, text.indexOf(' '));
                fields[1] = text.substring(text.indexOf(' ') + 1, close + 1);
                System.arraycopy(rest, 0, fields, 2, rest.length);
                return fields;
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
